#!/bin/sh
# solieu as a pipe stage for Spark's RDD.pipe and Hadoop Streaming: lines
# {"id": ..., "text": ...} on stdin, one record per non-blank line on stdout,
# in order.  Exit status 2 (some lines are not documents: their error
# records are written) is a success here; 1 (a usage or rule error: no
# records) or a crash is a failure, so that the task fails and is retried.
#
# SOLIEU names the binary (default: solieu on PATH); arguments are passed to
# `solieu extract` (--rules DIR, --encoding ENC, --max-doc-mb N).
"${SOLIEU:-solieu}" extract --jsonl-in "$@" -
case $? in
  0|2) exit 0 ;;
  *) exit 1 ;;
esac
