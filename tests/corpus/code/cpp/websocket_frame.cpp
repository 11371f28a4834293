// websocket_frame.cpp - RFC 6455 frame encoding and decoding.
#include "websocket_frame.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace ws {

namespace {

constexpr std::uint8_t kFin = 0x80;
constexpr std::uint8_t kOpcodeMask = 0x0f;
constexpr std::uint8_t kMaskBit = 0x80;
constexpr std::uint8_t kLen16 = 126;
constexpr std::uint8_t kLen64 = 127;
constexpr std::size_t kMaxFrame = 16 * 1024 * 1024;

// Close codes (RFC 6455 section 7.4.1).
enum CloseCode : std::uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,
  kProtocolError = 1002,
  kTooBig = 1009,
};

}  // namespace

std::vector<std::uint8_t> encode(Opcode op, std::span<const std::uint8_t> payload, bool fin) {
  std::vector<std::uint8_t> out;
  out.reserve(payload.size() + 10);
  out.push_back(static_cast<std::uint8_t>((fin ? kFin : 0) | (static_cast<std::uint8_t>(op) & kOpcodeMask)));
  if (payload.size() < kLen16) {
    out.push_back(static_cast<std::uint8_t>(payload.size()));
  } else if (payload.size() <= 0xffff) {
    out.push_back(kLen16);
    out.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(payload.size() & 0xff));
  } else {
    out.push_back(kLen64);
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(payload.size() >> shift));
  }
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

std::optional<Frame> decode(std::span<const std::uint8_t> buf, std::size_t& consumed) {
  if (buf.size() < 2) return std::nullopt;
  Frame f;
  f.fin = (buf[0] & kFin) != 0;
  f.opcode = static_cast<Opcode>(buf[0] & kOpcodeMask);
  const bool masked = (buf[1] & kMaskBit) != 0;
  std::uint64_t len = buf[1] & 0x7f;
  std::size_t pos = 2;
  if (len == 126) {
    if (buf.size() < 4) return std::nullopt;
    len = (std::uint64_t{buf[2]} << 8) | buf[3];
    pos = 4;
  } else if (len == 127) {
    if (buf.size() < 10) return std::nullopt;
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | buf[2 + i];
    pos = 10;
  }
  if (len > kMaxFrame) throw std::length_error("websocket frame too large");
  std::array<std::uint8_t, 4> key{};
  if (masked) {
    if (buf.size() < pos + 4) return std::nullopt;
    std::memcpy(key.data(), buf.data() + pos, 4);
    pos += 4;
  }
  if (buf.size() < pos + len) return std::nullopt;
  f.payload.assign(buf.begin() + static_cast<std::ptrdiff_t>(pos), buf.begin() + static_cast<std::ptrdiff_t>(pos + len));
  if (masked) {
    for (std::size_t i = 0; i < f.payload.size(); ++i) f.payload[i] ^= key[i % 4];
  }
  consumed = pos + static_cast<std::size_t>(len);
  return f;
}

std::vector<std::uint8_t> close_frame(std::uint16_t code, const std::string& reason) {
  std::vector<std::uint8_t> body{static_cast<std::uint8_t>(code >> 8), static_cast<std::uint8_t>(code & 255)};
  body.insert(body.end(), reason.begin(), reason.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(reason.size(), 123)));
  return encode(Opcode::kClose, body, true);
}

bool is_valid_close_code(std::uint16_t code) {
  if (code < kNormal || code == 1004 || code == 1005 || code == 1006) return false;
  return code <= 1011 || (code >= 3000 && code <= 4999);
}

const char* default_endpoint() { return "ws://localhost:9001/stream"; }

}  // namespace ws
