package mx.implan.brujula.app.ui;

import javafx.scene.text.Font;

/**
 * The root font size every em in the stylesheet is relative to. It follows the system's font size (JavaFX's
 * default font reflects the platform's text-size setting on phones and desktops) times the user's own setting,
 * and never drops below 16 px, the size that stays readable at arm's length in the field.
 */
public final class FontScale {

    static final double MIN_ROOT_PX = 16;
    /** JavaFX's default font is 13 px at the system's normal text size (12 on some Windows setups). */
    static final double SYSTEM_NORMAL_PX = 13;

    private FontScale() {
    }

    public static double rootPx(double systemFontPx, double userScale) {
        double fromSystem = MIN_ROOT_PX * Math.max(1, systemFontPx / SYSTEM_NORMAL_PX);
        return Math.round(fromSystem * userScale * 10) / 10.0;
    }

    public static double rootPx(double userScale) {
        return rootPx(Font.getDefault().getSize(), userScale);
    }
}
