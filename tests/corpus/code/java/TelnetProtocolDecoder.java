package org.example.telnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the telnet byte stream (RFC 854): plain data, IAC command sequences and
 * sub-negotiation blocks. Servers usually run on port 23.
 */
public final class TelnetProtocolDecoder {

    public static final int IAC = 255;
    public static final int DONT = 254;
    public static final int DO = 253;
    public static final int WONT = 252;
    public static final int WILL = 251;
    public static final int SB = 250;
    public static final int GA = 249;
    public static final int EL = 248;
    public static final int EC = 247;
    public static final int AYT = 246;
    public static final int AO = 245;
    public static final int IP = 244;
    public static final int BRK = 243;
    public static final int DM = 242;
    public static final int NOP = 241;
    public static final int SE = 240;

    public static final int OPT_ECHO = 1;
    public static final int OPT_SUPPRESS_GO_AHEAD = 3;
    public static final int OPT_TERMINAL_TYPE = 24;
    public static final int OPT_NAWS = 31;
    public static final int OPT_LINEMODE = 34;

    private static final int MAX_SUBNEGOTIATION = 1024;

    private enum State { DATA, IAC_SEEN, COMMAND, SUBNEG, SUBNEG_IAC }

    private State state = State.DATA;
    private int pendingCommand;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(4096);
    private final ByteArrayOutputStream subneg = new ByteArrayOutputStream(64);
    private final List<int[]> negotiations = new ArrayList<>();

    public void decode(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            switch (state) {
                case DATA:
                    if (b == IAC) {
                        state = State.IAC_SEEN;
                    } else {
                        data.write(b);
                    }
                    break;
                case IAC_SEEN:
                    if (b == IAC) {
                        data.write(255);
                        state = State.DATA;
                    } else if (b == DO || b == DONT || b == WILL || b == WONT) {
                        pendingCommand = b;
                        state = State.COMMAND;
                    } else if (b == SB) {
                        subneg.reset();
                        state = State.SUBNEG;
                    } else {
                        state = State.DATA;
                    }
                    break;
                case COMMAND:
                    negotiations.add(new int[] {pendingCommand, b});
                    state = State.DATA;
                    break;
                case SUBNEG:
                    if (b == IAC) {
                        state = State.SUBNEG_IAC;
                    } else if (subneg.size() < MAX_SUBNEGOTIATION) {
                        subneg.write(b);
                    }
                    break;
                case SUBNEG_IAC:
                    if (b == SE) {
                        handleSubnegotiation(subneg.toByteArray());
                        state = State.DATA;
                    } else {
                        subneg.write(b);
                        state = State.SUBNEG;
                    }
                    break;
                default:
                    throw new IllegalStateException("bad state " + state);
            }
        }
    }

    private void handleSubnegotiation(byte[] block) {
        if (block.length == 0) {
            return;
        }
        int option = block[0] & 0xff;
        if (option == OPT_NAWS && block.length >= 5) {
            int width = ((block[1] & 0xff) << 8) | (block[2] & 0xff);
            int height = ((block[3] & 0xff) << 8) | (block[4] & 0xff);
            onWindowSize(width, height);
        }
    }

    public static byte[] refuse(int command, int option) {
        int reply = command == DO ? WONT : DONT;
        return new byte[] {(byte) 0xFF, (byte) reply, (byte) option};
    }

    public static byte[] escape(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 16);
        for (byte b : raw) {
            out.write(b);
            if ((b & 0xff) == 255) {
                out.write(255);
            }
        }
        return out.toByteArray();
    }

    protected void onWindowSize(int width, int height) {
        if (width > 0 && width < 65535 && height > 0) {
            // resize the virtual terminal
        }
    }

    public byte[] takeData() {
        byte[] out = data.toByteArray();
        data.reset();
        return out;
    }
}
