// JsonWriter: a small streaming JSON writer that appends to a std::string.
//
// Building a nlohmann::json object per entity costs about a microsecond and
// dominated an early prototype (reference/speed-anchors.md), so output is
// written directly.  Strings are escaped per RFC 8259 and written as UTF-8;
// bytes that are not valid UTF-8 become U+FFFD, so the output is always
// valid JSON.  nlohmann/json reads it back in the tests as the oracle.
//
// Usage:
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject(); w.Key("n"); w.Int(3); w.EndObject();   // {"n":3}
//
// REQUIRES: calls form a well-nested document (a Key before each value in
// an object); this is checked only by the tests.
#ifndef SOLIEU_UTIL_JSON_WRITER_H_
#define SOLIEU_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace solieu {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  // REQUIRES: `literal` is a valid JSON number.
  void Number(std::string_view literal);
  void Int(int64_t value);
  void Double(double value);
  void Bool(bool value);
  void Null();

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();
  // Writes s as a JSON string, then a ':' if `colon`.
  void Quoted(std::string_view s, bool colon);
  void Escaped(std::string_view s);
  // Writes the escape of s[i], a byte that needs one (or U+FFFD for the
  // invalid sequence there); returns the number of bytes it stood for.
  size_t EscapeOne(std::string_view s, size_t i);

  std::string* out_;
  std::vector<char> has_items_;  // per open container (not vector<bool>: no bit masking)
  bool after_key_ = false;
};

}  // namespace solieu

#endif  // SOLIEU_UTIL_JSON_WRITER_H_
