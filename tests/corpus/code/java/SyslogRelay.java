package net.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Receives syslog over UDP and TCP and relays each message to a central collector.
 */
public class SyslogRelay {

    private static final Logger LOG = Logger.getLogger(SyslogRelay.class.getName());

    static final int SYSLOG_UDP_PORT = 514;
    static final int SYSLOG_TCP_PORT = 601;
    static final String COLLECTOR_HOST = "logs.corp.example.net";
    static final int COLLECTOR_PORT = 6514;
    static final int MAX_DATAGRAM = 65507;
    static final int BACKLOG = 128;

    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private volatile boolean running = true;

    public static void main(String[] args) throws IOException {
        String env = System.getenv("RELAY_HEALTH_PORT");
        int healthPort = env != null ? Integer.parseInt(env) : 8099;
        SyslogRelay relay = new SyslogRelay();
        relay.startHealth(healthPort);
        relay.startTcp();
        relay.runUdp();
    }

    void runUdp() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(SYSLOG_UDP_PORT)) {
            socket.setReceiveBufferSize(4 * 1024 * 1024);
            byte[] buf = new byte[MAX_DATAGRAM];
            while (running) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                forward(line.trim());
            }
        }
    }

    void startTcp() {
        workers.submit(() -> {
            try (ServerSocket server = new ServerSocket(SYSLOG_TCP_PORT, BACKLOG)) {
                while (running) {
                    Socket client = server.accept();
                    workers.submit(() -> readFrames(client));
                }
            } catch (IOException e) {
                LOG.severe("tcp listener failed: " + e.getMessage());
            }
            return null;
        });
    }

    void startHealth(int port) throws IOException {
        ServerSocket health = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        workers.submit(() -> {
            while (running) {
                try (Socket s = health.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    LOG.fine("health probe: " + e);
                }
            }
            return null;
        });
    }

    private Void readFrames(Socket client) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                forward(line);
            }
        } catch (IOException e) {
            LOG.fine("client closed: " + e.getMessage());
        }
        return null;
    }

    private void forward(String message) {
        try (Socket out = new Socket(COLLECTOR_HOST, COLLECTOR_PORT)) {
            out.setSoTimeout(5000);
            out.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warning("collector unreachable: " + e.getMessage());
        }
    }

    static int priority(int facility, int severity) {
        return facility * 8 + severity;
    }
}
