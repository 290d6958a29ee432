package mx.implan.brujula.app;

import mx.implan.brujula.app.device.DeviceServices;

/**
 * The device app's entry point: the real journal, accounts and sync engine in the app's private storage. Kept
 * apart from {@link FieldApp} because the Java launcher refuses a main class that extends JavaFX's
 * {@code Application} when JavaFX is on the class path rather than the module path (as on a desktop run).
 */
public final class DeviceLauncher {

    private DeviceLauncher() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        FieldApp.launch(DeviceContext.open(DeviceServices.privateStorage()), started, args);
    }
}
