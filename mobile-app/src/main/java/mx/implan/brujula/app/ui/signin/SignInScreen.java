package mx.implan.brujula.app.ui.signin;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.ServerUnavailableException;
import mx.implan.brujula.app.api.TransportException;
import mx.implan.brujula.app.ui.FieldRow;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;

import java.util.List;

/**
 * Sign-in, needed once online; afterwards the stored session works offline. The server address is checked
 * before anything is sent: only HTTPS, or plain HTTP on this device's loopback, ever receives a password.
 * People who already signed in on a shared tablet switch without going online.
 */
public final class SignInScreen implements Screen {

    private final Navigator nav;
    private final Texts t;
    private final TextField server = new TextField();
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final FieldRow serverRow;
    private final FieldRow userRow;
    private final Label status = new Label();
    private final Button signIn;
    private final VBox content = Widgets.column();

    public SignInScreen(Navigator nav) {
        this.nav = nav;
        this.t = nav.texts();
        server.setText(nav.context().server().get().toString());
        server.setId("server");
        server.setAccessibleText(t.get("signin.server"));
        username.setId("username");
        username.setAccessibleText(t.get("signin.username"));
        password.setId("password");
        password.setAccessibleText(t.get("signin.password"));
        serverRow = new FieldRow(t.get("signin.server"), server);
        serverRow.setId("row-server-field");
        userRow = new FieldRow(t.get("signin.username"), username);
        status.getStyleClass().add("note");
        status.setId("signin-status");
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.setWrapText(true);
        signIn = Widgets.primary(t.get("signin.submit"), this::submit);
        signIn.setId("sign-in");
        password.setOnAction(e -> submit());

        content.getChildren().addAll(Widgets.note(t.get("signin.intro")), serverRow, userRow,
                new FieldRow(t.get("signin.password"), password), status);
        List<Account> known = nav.context().accounts().known();
        if (!known.isEmpty()) {
            content.getChildren().add(Widgets.section(t.get("signin.known")));
            for (Account account : known) {
                boolean expired = nav.context().accounts().needsSignIn(account.username());
                String label = t.format(expired ? "signin.again" : "signin.continueAs", account.name(),
                        account.username());
                Button b = Widgets.secondary(label, () -> {
                    if (expired) {
                        // The server refused the stored session: the journal is kept, the password is asked again.
                        username.setText(account.username());
                        password.requestFocus();
                    } else {
                        nav.context().accounts().switchTo(account.username());
                        nav.openHome();
                    }
                });
                b.setId("known-" + account.username());
                content.getChildren().add(b);
            }
        }
        Button anonymous = Widgets.secondary(t.get("signin.anonymous"), nav::openAnonymousCitizen);
        anonymous.setId("signin-anonymous");
        content.getChildren().addAll(Widgets.section(t.get("signin.citizen")),
                anonymous);
    }

    @Override
    public String title() {
        return t.get("signin.title");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        return List.of(signIn);
    }

    private void submit() {
        serverRow.clearError();
        userRow.clearError();
        status.setText("");
        try {
            nav.context().server().set(server.getText());
        } catch (IllegalArgumentException refused) {
            serverRow.showError(t.get("signin.insecure"));
            return;
        }
        String user = username.getText().trim();
        String pass = password.getText();
        if (user.isEmpty() || pass.isEmpty()) {
            userRow.showError(t.get("signin.missing"));
            return;
        }
        signIn.setDisable(true);
        status.setText(t.get("signin.working"));
        Thread worker = new Thread(() -> {
            String failure = null;
            try {
                nav.context().accounts().signIn(user, pass);
            } catch (AuthenticationRequiredException e) {
                failure = t.get("signin.wrong");
            } catch (TransportException e) {
                failure = t.get("signin.unreachable");
            } catch (ServerUnavailableException e) {
                failure = t.get("signin.serverUnavailable");
            } catch (RuntimeException e) {
                failure = t.format("signin.failed", e.getMessage());
            }
            String message = failure;
            Platform.runLater(() -> {
                signIn.setDisable(false);
                if (message == null) {
                    nav.openHome();
                } else {
                    status.setText(message);
                    password.clear();
                }
            });
        }, "sign-in");
        worker.setDaemon(true);
        worker.start();
    }
}
