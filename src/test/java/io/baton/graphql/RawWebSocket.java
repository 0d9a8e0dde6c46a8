package io.baton.graphql;

import io.baton.testing.GraphqlWebSocketClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client written frame by frame over a plain socket, for the one thing real clients
 * cannot do on demand: put several messages into a single TCP write, so that the server reads them
 * in one go, before any of them has been answered. Reads block with the socket's timeout as the
 * deadline.
 */
final class RawWebSocket implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A frame the server sent: a text message, or a close with its code (and its reason as the text).
   */
  record Frame(boolean close, int code, String text) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawWebSocket connect(int port, String path, String subprotocol) {
    return connect(port, path, subprotocol, 0);
  }

  /**
   * With {@code receiveBuffer} above 0, the socket's receive buffer is that small: a reader that
   * stops reading then holds up the server's writes at once.
   */
  static RawWebSocket connect(int port, String path, String subprotocol, int receiveBuffer) {
    try {
      Socket socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      socket.connect(new InetSocketAddress("localhost", port));
      socket.setSoTimeout((int) GraphqlWebSocketClient.DEADLINE.toMillis());
      socket.setTcpNoDelay(true);
      RawWebSocket ws = new RawWebSocket(socket);
      ws.handshake(port, path, subprotocol);
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handshake(int port, String path, String subprotocol) throws IOException {
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: localhost:"
            + port
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: "
            + subprotocol
            + "\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IllegalStateException("the upgrade was refused: " + head);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends every message as its own text frame, all in one write. */
  void sendTogether(String... messages) {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (String message : messages) {
      burst.writeBytes(maskedTextFrame(message.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      out.write(burst.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Like {@link #sendTogether}, but false instead of a failure once the server has closed. */
  boolean trySend(String... messages) {
    try {
      sendTogether(messages);
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Reads and drops everything the server sent until it closed the connection; returns how many
   * bytes that was. Fails if the connection is still open after {@code timeout}.
   */
  long readsToTheEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    try {
      while (System.nanoTime() < deadline) {
        int read;
        try {
          read = in.read(chunk);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (read < 0) {
          return total;
        }
        total += read;
      }
    } catch (SocketException e) {
      return total; // reset: the server closed with our data unread
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("the server did not close the connection within " + timeout);
  }

  private static byte[] maskedTextFrame(byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /**
   * The next frame from the server (unmasked, unfragmented: what a server sends for short
   * messages).
   */
  Frame next() {
    try {
      int first = in.readUnsignedByte();
      int length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = (int) in.readLong();
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      int opcode = first & 0x0f;
      if (opcode == 0x8) {
        int code = length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        String reason =
            length > 2 ? new String(payload, 2, length - 2, StandardCharsets.UTF_8) : "";
        return new Frame(true, code, reason);
      }
      return new Frame(false, 0, new String(payload, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("no frame from the server", e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the test is over
    }
  }
}
