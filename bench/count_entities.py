"""Counts the entities in a JSON Lines file written by `solieu extract`."""
import json
import sys

total = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        total += len(json.loads(line).get("entities", []))
print(total)
