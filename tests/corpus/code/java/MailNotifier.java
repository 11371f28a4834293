package org.shop.notify;

import java.util.List;
import java.util.Properties;

import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Sends order confirmations; in tests, against a MailHog container. */
public class MailNotifier {

    public static final String DEFAULT_SMTP_HOST = "smtp.sendgrid.net";
    public static final int DEFAULT_SMTP_PORT = 587;
    private static final int SMTP_TIMEOUT_MS = 10_000;
    private static final int MAX_RECIPIENTS = 50;

    private final Session session;
    private final String from;

    public MailNotifier(String host, int port, String user, String password, String from) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.connectiontimeout", String.valueOf(SMTP_TIMEOUT_MS));
        props.put("mail.smtp.timeout", String.valueOf(SMTP_TIMEOUT_MS));
        props.put("mail.smtp.ssl.trust", host);
        this.session = Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
        this.from = from;
    }

    public static MailNotifier fromEnvironment() {
        String host = System.getenv().getOrDefault("SMTP_HOST", DEFAULT_SMTP_HOST);
        int port = Integer.parseInt(System.getenv().getOrDefault("SMTP_PORT", "587"));
        return new MailNotifier(host, port, System.getenv("SMTP_USER"), System.getenv("SMTP_PASSWORD"),
                "orders@shop.example.com");
    }

    public void send(List<String> to, String subject, String body) throws MessagingException {
        if (to.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("too many recipients: " + to.size());
        }
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress(from));
        for (String rcpt : to) {
            msg.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        }
        msg.setSubject(subject, "UTF-8");
        msg.setText(body, "UTF-8");
        Transport.send(msg);
    }

    /** A local SMTP sink for integration tests: SMTP on 1025, web UI on 8025. */
    static GenericContainer<?> mailhog() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("mailhog/mailhog:v1.0.1"))
                .withExposedPorts(1025, 8025);
        c.start();
        return c;
    }

    static MailNotifier forContainer(GenericContainer<?> c) {
        return new MailNotifier(c.getHost(), c.getMappedPort(1025), "test", "test", "test@localhost");
    }
}
