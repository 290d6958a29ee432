package mx.implan.brujula.citizen;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Open311 requests made the way the spec's examples make them: form-encoded POSTs. */
final class Reports {

    private Reports() {
    }

    /** A random point in Hermosillo, far enough from other tests' points (≈ 10 km box). */
    static double[] somewhere() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new double[]{-111.00 + r.nextDouble() * 0.10, 29.03 + r.nextDouble() * 0.10};
    }

    /** A point {@code metres} north of {@code p}. */
    static double[] north(double[] p, double metres) {
        return new double[]{p[0], p[1] + metres / 111_320.0};
    }

    static Map<String, String> form(String serviceCode, double[] lonLat) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", serviceCode);
        form.put("lat", Double.toString(lonLat[1]));
        form.put("long", Double.toString(lonLat[0]));
        form.put("description", "Socavón frente al número 120");
        return form;
    }

    /** The anonymous reporter's tracking token of an answer (a header: the body names the service_request_id). */
    static String token(Response r) {
        return r.header(Open311Resource.TRACKING_TOKEN);
    }

    static RequestSpecification post(Map<String, String> form) {
        RequestSpecification spec = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach(spec::formParam);
        return spec;
    }
}
