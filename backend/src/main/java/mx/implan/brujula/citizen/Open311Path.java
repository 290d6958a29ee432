package mx.implan.brujula.citizen;

/** GeoReport v2 paths: {@code name.ext}, where the extension picks the format, as the spec does. */
final class Open311Path {

    /** Every GeoReport v2 path starts here; errors under it are answered in the spec's format. */
    static final String PREFIX = "/open311/";

    private Open311Path() {
    }

    /** {@code name.ext} → {name, ext}; without an extension → 404. */
    static String[] split(String file, Open311Text t) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw new Open311Error(404, t.get("error.noExtension"));
        }
        return new String[]{file.substring(0, dot), file.substring(dot + 1)};
    }

    /** The format of an extension: {@code json} or {@code xml}; anything else → 404. */
    static Open311Format format(String extension, Open311Text t) {
        if (!"json".equalsIgnoreCase(extension) && !"xml".equalsIgnoreCase(extension)) {
            throw new Open311Error(404, t.get("error.unsupportedFormat"));
        }
        return Open311Format.of(extension);
    }

    /** The format an error on {@code path} is answered in: XML when the path ends in {@code .xml}, else JSON. */
    static Open311Format errorFormat(String path) {
        return path != null && path.regionMatches(true, path.length() - 4, ".xml", 0, 4) ? Open311Format.XML : Open311Format.JSON;
    }

    static boolean isOpen311(String path) {
        return path != null && path.startsWith(PREFIX);
    }
}
