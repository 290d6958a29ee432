package mx.implan.brujula.hostile;

import java.net.http.HttpHeaders;

/** One answer of the server: what the suite judges. {@code request} describes what was sent, for failure messages. */
record Reply(String request, int status, String contentType, String body, HttpHeaders headers) {

    String describe() {
        String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
        return request + " → " + status + " " + contentType + " " + shown;
    }
}
