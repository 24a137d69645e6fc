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
// A key spelled in the program may be written "n"_key (using namespace
// solieu::json_literals): it is checked when compiled and goes out in one
// append, not scanned for escapes at every call.
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

// A key spelled in the program, made by "name"_key: checked when compiled to
// need no escape, and held as it is written, with the ',' that may come
// before it and the ':' after it.  Two words, passed in registers; the text
// is a constant of the program.
class JsonKey {
 public:
  // Fails to compile unless `text` is ,"name": with a name that needs no
  // escape.
  consteval explicit JsonKey(std::string_view text) : text_(text) {
    if (text.size() < 4 || !text.starts_with(",\"") || !text.ends_with("\":")) throw "not ,\"name\":";
    for (const char c : text.substr(2, text.size() - 4)) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') throw "a _key needs no escape";
    }
  }

  // "name": after a ',' if `comma`.
  std::string_view Text(bool comma) const {
    return comma ? text_ : std::string_view(text_.data() + 1, text_.size() - 1);
  }

 private:
  std::string_view text_;
};

namespace json_literals {

// The text of a "name"_key, built when compiled: a template argument, so
// that it is stored once in the program.
template <size_t N>  // N counts the terminating NUL of the literal
struct JsonKeyText {
  consteval JsonKeyText(const char (&name)[N]) {
    text[0] = ',';
    text[1] = '"';
    for (size_t i = 0; i + 1 < N; ++i) text[i + 2] = name[i];
    text[N + 1] = '"';
    text[N + 2] = ':';
  }
  char text[N + 3] = {};  // ,"name":
};

template <JsonKeyText kText>
consteval JsonKey operator""_key() {
  return JsonKey({kText.text, sizeof kText.text});
}

}  // namespace json_literals

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void Key(JsonKey key) {
    out_->append(key.Text(NeedsComma()));
    after_key_ = true;
  }
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
  // Whether a ',' is due before the next value or key; notes that the open
  // container now has an item.
  bool NeedsComma() {
    if (after_key_) {
      after_key_ = false;
      return false;
    }
    if (has_items_.empty()) return false;
    const bool comma = has_items_.back();
    has_items_.back() = true;
    return comma;
  }
  void BeforeValue();
  // Writes s as a JSON string (after a ',' if `comma`), then a ':' if `colon`.
  void Quoted(std::string_view s, bool comma, bool colon);
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
