# frozen_string_literal: true

module Mud
  # Telnet option negotiation (RFC 854, 855) for the game server's client connections.
  class TelnetNegotiator
    IAC  = 255
    DONT = 254
    DO   = 253
    WONT = 252
    WILL = 251
    SB   = 250
    GA   = 249
    SE   = 240
    NOP  = 241

    ECHO     = 1
    SGA      = 3
    TTYPE    = 24
    NAWS     = 31
    LINEMODE = 34
    MSSP     = 70
    GMCP     = 201

    SUPPORTED = [ECHO, SGA, NAWS, TTYPE, GMCP].freeze
    MAX_SUBNEG = 8192

    attr_reader :width, :height, :terminal

    def initialize(io)
      @io = io
      @state = :data
      @subneg = +""
      @width = 80
      @height = 24
      @terminal = "unknown"
    end

    # Consumes raw bytes and returns the plain text they carry.
    def feed(bytes)
      text = +""
      bytes.each_byte do |b|
        case @state
        when :data
          if b == IAC
            @state = :iac
          else
            text << b
          end
        when :iac
          case b
          when IAC
            text << 255
            @state = :data
          when DO, DONT, WILL, WONT
            @command = b
            @state = :option
          when SB
            @subneg.clear
            @state = :subneg
          else
            @state = :data
          end
        when :option
          negotiate(@command, b)
          @state = :data
        when :subneg
          if b == IAC
            @state = :subneg_iac
          elsif @subneg.bytesize < MAX_SUBNEG
            @subneg << b
          end
        when :subneg_iac
          if b == SE
            subnegotiation(@subneg.bytes)
            @state = :data
          else
            @subneg << b
            @state = :subneg
          end
        end
      end
      text
    end

    def negotiate(command, option)
      case command
      when DO
        reply(SUPPORTED.include?(option) ? WILL : WONT, option)
      when WILL
        reply(SUPPORTED.include?(option) ? DO : DONT, option)
      end
    end

    def subnegotiation(data)
      return if data.empty?

      case data[0]
      when NAWS
        @width = (data[1] << 8) | data[2]
        @height = (data[3] << 8) | data[4]
      when TTYPE
        @terminal = data[2..].pack("C*")
      end
    end

    def reply(command, option)
      @io.write([IAC, command, option].pack("CCC"))
    end

    def self.escape(str)
      str.b.gsub("\xFF".b, "\xFF\xFF".b)
    end
  end
end
