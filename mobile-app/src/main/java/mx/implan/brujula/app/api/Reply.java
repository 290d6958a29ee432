package mx.implan.brujula.app.api;

import java.net.http.HttpHeaders;

/** One HTTP answer, body fully read (sync bodies are small enough, and a problem body must be readable). */
record Reply(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }
}
