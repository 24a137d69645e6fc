#include "pipeline/ingest.h"

#include <unicode/ucnv.h>
#include <unicode/unorm2.h>

#include <memory>

#include "pipeline/alphabet.h"
#include "util/utf8.h"

namespace solieu {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// UTF-8 with each maximal invalid subsequence replaced by U+FFFD.
void DecodeUtf8Lossy(std::string_view in, size_t skip, Decoded* out) {
  out->storage.clear();
  out->storage.reserve(in.size() + 16);
  out->to_input.Clear();
  if (skip) out->to_input.AddReplace(skip, 0);
  size_t invalid = 0, first_invalid = 0;
  size_t run_start = skip;
  for (size_t i = skip; i < in.size();) {
    utf8::Decoded d = utf8::DecodeAt(in, i);
    if (d.valid) {
      i += d.length;
      continue;
    }
    if (invalid++ == 0) first_invalid = i;
    out->storage.append(in.substr(run_start, i - run_start));
    out->to_input.AddUnchanged(i - run_start);
    utf8::Append(out->storage, utf8::kReplacement);
    out->to_input.AddReplace(d.length, 3);
    i += d.length;
    run_start = i;
  }
  out->storage.append(in.substr(run_start));
  out->to_input.AddUnchanged(in.size() - run_start);
  out->text = out->storage;
  if (invalid) {
    out->warnings.push_back("invalid UTF-8: " + std::to_string(invalid) +
                            " byte sequence(s) replaced by U+FFFD, the first at byte " +
                            std::to_string(first_invalid));
  }
}

void DecodeUtf16(std::string_view in, size_t skip, bool little_endian, Decoded* out) {
  out->storage.clear();
  out->storage.reserve(in.size() * 3 / 2);
  out->to_input.Clear();
  if (skip) out->to_input.AddReplace(skip, 0);
  auto unit = [&](size_t i) -> char16_t {
    const auto lo = static_cast<unsigned char>(in[i + (little_endian ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(in[i + (little_endian ? 1 : 0)]);
    return static_cast<char16_t>(hi << 8 | lo);
  };
  size_t invalid = 0;
  size_t i = skip;
  for (; i + 1 < in.size();) {
    char32_t cp = unit(i);
    size_t used = 2;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < in.size()) {
      const char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        used = 4;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = utf8::kReplacement;
      ++invalid;
    }
    const size_t before = out->storage.size();
    utf8::Append(out->storage, cp);
    out->to_input.AddReplace(used, out->storage.size() - before);
    i += used;
  }
  if (i < in.size()) {  // an odd trailing byte
    utf8::Append(out->storage, utf8::kReplacement);
    out->to_input.AddReplace(1, 3);
    ++invalid;
  }
  out->text = out->storage;
  if (invalid) {
    out->warnings.push_back("invalid UTF-16: " + std::to_string(invalid) +
                            " unit(s) replaced by U+FFFD");
  }
}

// Decodes a single-byte ICU charset with a byte-exact map.
Status DecodeIcu8Bit(std::string_view in, const char* charset, Decoded* out) {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &ec));
  if (U_FAILURE(ec)) return Status::InvalidArgument(std::string("ICU has no converter ") + charset);
  std::u16string units(in.size() + 1, u'\0');
  std::vector<int32_t> offsets(in.size() + 1);
  UChar* target = reinterpret_cast<UChar*>(units.data());
  const char* source = in.data();
  ucnv_toUnicode(conv.get(), &target, target + units.size(), &source, in.data() + in.size(),
                 offsets.data(), true, &ec);
  if (U_FAILURE(ec)) return Status::Corrupt(std::string("cannot decode as ") + charset);
  const size_t n = target - reinterpret_cast<UChar*>(units.data());
  out->storage.clear();
  out->to_input.Clear();
  for (size_t k = 0; k < n; ++k) {
    // Single-byte charsets give one BMP unit per byte.
    const size_t before = out->storage.size();
    utf8::Append(out->storage, units[k]);
    const size_t produced = out->storage.size() - before;
    if (produced == 1 && static_cast<unsigned char>(in[offsets[k]]) == units[k]) {
      out->to_input.AddUnchanged(1);
    } else {
      out->to_input.AddReplace(1, produced);
    }
  }
  out->text = out->storage;
  return Status::Ok();
}

// Share of the non-ASCII characters of `text` that belong to written
// Vietnamese once composed: letters with diacritics, or a tone mark after a
// letter.  Used to choose among 8-bit readings of the same bytes.
double VietnameseScore(std::string_view text) {
  size_t non_ascii = 0, good = 0;
  char32_t prev = 0;
  for (size_t i = 0; i < text.size();) {
    utf8::Decoded d = utf8::DecodeAt(text, i);
    i += d.length;
    if (d.cp >= 0x80) {
      ++non_ascii;
      if (IsVietnameseLetter(d.cp) || (IsToneMark(d.cp) && IsLetter(prev)) ||
          d.cp == 0x302 || d.cp == 0x306 || d.cp == 0x31B) {
        ++good;
      }
    }
    prev = d.cp;
  }
  return non_ascii ? static_cast<double>(good) / non_ascii : 0.0;
}

bool LooksLikeUtf16(std::string_view in, bool* little_endian) {
  if (in.size() < 8) return false;
  size_t even_zero = 0, odd_zero = 0;
  const size_t n = std::min<size_t>(in.size() & ~size_t{1}, 4096);
  for (size_t i = 0; i < n; i += 2) {
    even_zero += in[i] == 0;
    odd_zero += in[i + 1] == 0;
  }
  const size_t pairs = n / 2;
  if (odd_zero * 10 >= pairs * 3 && even_zero * 20 < pairs) {
    *little_endian = true;
    return true;
  }
  if (even_zero * 10 >= pairs * 3 && odd_zero * 20 < pairs) {
    *little_endian = false;
    return true;
  }
  return false;
}

Status RefuseBinary(std::string_view in) {
  const size_t nul = in.find('\0');
  if (nul == std::string_view::npos) return Status::Ok();
  return Status::Corrupt("binary data (a NUL byte at offset " + std::to_string(nul) +
                         "), not a text document");
}

Status DecodeAs(std::string_view in, std::string_view encoding, Decoded* out) {
  out->encoding = std::string(encoding);
  if (encoding == "utf-8" || encoding == "utf-8-bom") {
    const size_t skip = in.substr(0, 3) == kUtf8Bom ? 3 : 0;
    out->encoding = skip ? "utf-8-bom" : "utf-8";
    if (skip == 0 && utf8::FirstInvalid(in) == in.size()) {
      out->text = in;
      out->to_input.Clear();
      return Status::Ok();
    }
    DecodeUtf8Lossy(in, skip, out);
    return Status::Ok();
  }
  if (encoding == "utf-16le" || encoding == "utf-16be") {
    const bool le = encoding == "utf-16le";
    const bool bom = in.size() >= 2 && static_cast<unsigned char>(in[le ? 0 : 1]) == 0xFF &&
                     static_cast<unsigned char>(in[le ? 1 : 0]) == 0xFE;
    DecodeUtf16(in, bom ? 2 : 0, le, out);
    return Status::Ok();
  }
  if (encoding == "windows-1258") return DecodeIcu8Bit(in, "windows-1258", out);
  return Status::InvalidArgument("unknown encoding '" + std::string(encoding) + "'");
}

}  // namespace

bool IsKnownEncoding(std::string_view name) {
  return name == "utf-8" || name == "utf-8-bom" || name == "utf-16le" || name == "utf-16be" ||
         name == "windows-1258";
}

Status Decode(std::string_view in, const DecodeOptions& options, Decoded* out) {
  out->warnings.clear();
  out->confidence = 1.0;
  if (!options.encoding.empty()) {
    out->confidence = 1.0;
    return DecodeAs(in, options.encoding, out);
  }
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(in[i]); };
  if (in.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return DecodeAs(in, "utf-16le", out);
  if (in.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return DecodeAs(in, "utf-16be", out);
  if (in.substr(0, 3) == kUtf8Bom) return DecodeAs(in, "utf-8", out);
  bool little_endian = true;
  if (LooksLikeUtf16(in, &little_endian)) {
    out->confidence = 0.8;
    return DecodeAs(in, little_endian ? "utf-16le" : "utf-16be", out);
  }
  if (Status s = RefuseBinary(in); !s.ok()) return s;

  const size_t first_invalid = utf8::FirstInvalid(in);
  if (first_invalid == in.size()) return DecodeAs(in, "utf-8", out);

  // Not UTF-8 as a whole. Count valid multi-byte sequences against invalid
  // bytes: a few stray bytes in UTF-8 text stay UTF-8; text made of single
  // high bytes is an 8-bit charset. The count starts at 0, not at the first
  // invalid byte: the valid text before a stray byte is evidence too.
  size_t valid_multi = 0, invalid = 0;
  for (size_t i = 0; i < in.size();) {
    if (byte(i) < 0x80) {
      ++i;
      continue;
    }
    utf8::Decoded d = utf8::DecodeAt(in, i);
    (d.valid ? valid_multi : invalid)++;
    i += d.length;
  }
  if (valid_multi > 0 && invalid * 5 < valid_multi + invalid) {
    out->confidence = 0.9;
    return DecodeAs(in, "utf-8", out);
  }
  Decoded candidate;
  if (Status s = DecodeAs(in, "windows-1258", &candidate); s.ok()) {
    const double score = VietnameseScore(candidate.text);
    if (score >= 0.6) {
      *out = std::move(candidate);
      out->text = out->storage;
      out->confidence = score;
      return Status::Ok();
    }
  }
  out->confidence = 0.5;
  return DecodeAs(in, "utf-8", out);
}

}  // namespace solieu
