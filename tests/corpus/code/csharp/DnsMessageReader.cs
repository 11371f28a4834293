using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Resolver.Protocol
{
    /// <summary>
    /// Reads DNS messages (RFC 1035). Queries arrive on UDP port 53; this class only parses bytes.
    /// </summary>
    public sealed class DnsMessageReader
    {
        public const int HeaderLength = 12;
        public const int MaxLabelLength = 63;
        public const int MaxNameLength = 255;
        public const int MaxPointerHops = 16;

        public const ushort TypeA = 1;
        public const ushort TypeNs = 2;
        public const ushort TypeCname = 5;
        public const ushort TypeSoa = 6;
        public const ushort TypePtr = 12;
        public const ushort TypeMx = 15;
        public const ushort TypeTxt = 16;
        public const ushort TypeAaaa = 28;
        public const ushort TypeSrv = 33;
        public const ushort TypeOpt = 41;
        public const ushort TypeAxfr = 252;
        public const ushort TypeMailb = 253;
        public const ushort TypeMaila = 254;
        public const ushort TypeAny = 255;

        private readonly byte[] _buffer;
        private int _offset;

        public DnsMessageReader(byte[] buffer)
        {
            _buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
            if (buffer.Length < HeaderLength)
            {
                throw new FormatException("message shorter than the 12-byte header");
            }
        }

        public DnsHeader ReadHeader()
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(0, 2));
            var flags = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(2, 2));
            _offset = HeaderLength;
            return new DnsHeader
            {
                Id = id,
                IsResponse = (flags & 0x8000) != 0,
                Opcode = (flags >> 11) & 0x0F,
                Truncated = (flags & 0x0200) != 0,
                ResponseCode = flags & 0x000F,
                QuestionCount = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(4, 2)),
                AnswerCount = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(6, 2)),
            };
        }

        public string ReadName()
        {
            var sb = new StringBuilder(64);
            var pos = _offset;
            var jumped = false;
            var hops = 0;
            while (true)
            {
                var len = _buffer[pos];
                if ((len & 0xC0) == 0xC0)
                {
                    if (++hops > MaxPointerHops)
                    {
                        throw new FormatException("compression loop");
                    }
                    var pointer = ((len & 0x3F) << 8) | _buffer[pos + 1];
                    if (!jumped)
                    {
                        _offset = pos + 2;
                    }
                    pos = pointer;
                    jumped = true;
                    continue;
                }
                if (len == 0)
                {
                    if (!jumped)
                    {
                        _offset = pos + 1;
                    }
                    break;
                }
                if (len > MaxLabelLength)
                {
                    throw new FormatException($"label of {len} bytes");
                }
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }
                sb.Append(Encoding.ASCII.GetString(_buffer, pos + 1, len));
                pos += len + 1;
                if (sb.Length > MaxNameLength)
                {
                    throw new FormatException("name longer than 255 bytes");
                }
            }
            return sb.ToString();
        }

        public static bool IsMetaType(ushort type) => type >= 128 && type <= 255;

        public static string TypeName(ushort type) => type switch
        {
            TypeA => "A",
            TypeAaaa => "AAAA",
            TypeSrv => "SRV",
            252 => "AXFR",
            253 => "MAILB",
            254 => "MAILA",
            255 => "ANY",
            _ => $"TYPE{type}",
        };
    }

    public struct DnsHeader
    {
        public ushort Id;
        public bool IsResponse;
        public int Opcode;
        public bool Truncated;
        public int ResponseCode;
        public ushort QuestionCount;
        public ushort AnswerCount;
    }
}
