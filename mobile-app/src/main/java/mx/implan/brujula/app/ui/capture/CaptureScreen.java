package mx.implan.brujula.app.ui.capture;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.device.Fix;
import mx.implan.brujula.app.journal.Draft;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.InvalidDraftException;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalException;
import mx.implan.brujula.app.ui.AdaptiveRow;
import mx.implan.brujula.app.ui.AppContext;
import mx.implan.brujula.app.ui.FieldRow;
import mx.implan.brujula.app.ui.GeometryKind;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.ObservationText;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.sync.FieldError;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mx.implan.brujula.app.sync.SyncEngine;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.Shape;

/**
 * The form of one observation, new or edited: location (GPS with its accuracy, or the map; lines and areas by
 * walking or tapping vertices), the kind's fields, notes and photos. A point is read from the GPS as the form
 * opens, so a risk takes kind, hazard, severity and save: four taps after "Nueva". Saving goes to the journal,
 * which validates with shared-model's rules; its field errors are shown where the field is.
 */
public final class CaptureScreen implements Screen {

    private final Navigator nav;
    private final AppContext ctx;
    private final Texts t;
    private final CaptureRequest request;
    private final ObservationKind kind;
    private final VBox content = Widgets.column();
    private final Label location = new Label();
    private final FieldRow locationRow;
    private final VBox locationButtons = new VBox();
    private final AttributeForm form;
    private final TextArea notes = new TextArea();
    private final FieldRow notesRow;
    private final PhotoStrip photos;
    private final FieldRow photosRow;
    private final Label general = new Label();
    private Shape shape;
    private Double accuracyM;

    public CaptureScreen(Navigator nav, CaptureRequest request) {
        this.nav = nav;
        this.ctx = nav.context();
        this.t = nav.texts();
        this.request = request;
        this.kind = request.kind();
        Observation editing = request.editing() == null ? null : request.editing().local();

        location.setId("location");
        location.setWrapText(true);
        location.getStyleClass().add("location");
        VBox locationBox = new VBox(location, locationButtons);
        locationBox.getStyleClass().add("location-box");
        if (!request.pointOnly()) {
            locationBox.getChildren().add(0, shapeChoice());
        }
        locationRow = new FieldRow(t.get("field.geometry"), locationBox);
        locationRow.setId("row-geometry");

        form = new AttributeForm(kind, t, ctx.journal().works(request.owner()));
        notes.setId("notes");
        notes.setWrapText(true);
        notes.setPrefRowCount(3);
        notes.setAccessibleText(t.get("field.notes"));
        notes.setPromptText(t.get("form.notesPrompt"));
        notesRow = new FieldRow(t.get("field.notes"), notes);
        notesRow.setId("row-notes");

        photos = new PhotoStrip(t, ctx.journal(), editing == null ? List.of() : editing.photosOrEmpty(), () -> { });
        Button addPhoto = Widgets.secondary(t.get("photos.add"), this::addPhotos);
        addPhoto.setId("add-photo");
        photosRow = new FieldRow(t.get("field.photos"), new VBox(photos, addPhoto));
        photosRow.setId("row-photos");

        general.getStyleClass().add("field-error");
        general.setWrapText(true);
        general.setId("general-error");
        general.setManaged(false);
        general.setVisible(false);

        Label heading = Widgets.section(t.label(kind));
        content.getChildren().addAll(heading, general, locationRow, form.node(), notesRow, photosRow);

        if (editing != null) {
            shape = editing.geometry() == null ? new Shape(defaultShape()) : Shape.of(editing.geometry());
            accuracyM = editing.accuracyM();
            form.load(editing.attributesOrEmpty());
            notes.setText(editing.notes() == null ? "" : editing.notes());
        } else {
            shape = new Shape(defaultShape());
            if (request.workId() != null) {
                form.load(Map.of(AttributeKeys.PUBLIC_WORK_ID, request.workId().toString()));
            }
            if (shape.kind() == GeometryKind.POINT) {
                readGps();
            }
        }
        selectShapeToggle();
        refreshLocation();
        if (request.editing() != null && request.editing().state() == EntryState.REJECTED) {
            // What the server refused, shown where it has to be fixed.
            request.editing().errors().forEach(this::showAtField);
        }
    }

    private GeometryKind defaultShape() {
        return kind == ObservationKind.GREEN_AREA && !request.pointOnly() ? GeometryKind.POLYGON : GeometryKind.POINT;
    }

    private ToggleGroup shapeGroup;

    private Node shapeChoice() {
        shapeGroup = new ToggleGroup();
        AdaptiveRow box = new AdaptiveRow(0.25);
        box.getStyleClass().add("segmented");
        for (GeometryKind k : GeometryKind.values()) {
            ToggleButton b = new ToggleButton(t.label(k));
            b.setId("shape-" + k.name());
            b.setUserData(k);
            b.setToggleGroup(shapeGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAccessibleText(t.format("location.shapeSpoken", t.label(k)));
            box.getChildren().add(b);
        }
        shapeGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A segmented choice always has one selected: re-select the previous one.
                shapeGroup.selectToggle(old);
                return;
            }
            GeometryKind chosen = (GeometryKind) now.getUserData();
            if (shape != null && chosen != shape.kind()) {
                shape = new Shape(chosen);
                accuracyM = null;
                if (chosen == GeometryKind.POINT) {
                    readGps();
                }
                refreshLocation();
            }
        });
        return box;
    }

    private void selectShapeToggle() {
        if (shapeGroup != null) {
            shapeGroup.getToggles().stream().filter(b -> b.getUserData() == shape.kind()).findFirst()
                    .ifPresent(b -> b.setSelected(true));
        }
    }

    private void readGps() {
        Optional<Fix> fix = ctx.position().current();
        if (fix.isEmpty()) {
            locationRow.showError(t.get("location.noFix"));
            return;
        }
        locationRow.clearError();
        shape.add(fix.get().latitude(), fix.get().longitude());
        Double a = fix.get().accuracyM();
        accuracyM = shape.kind() == GeometryKind.POINT || accuracyM == null || a == null ? a : Math.max(accuracyM, a);
    }

    /** Called by the map picker after the user tapped points, and after any change here. */
    public void refreshLocation() {
        String text;
        if (shape.vertices().isEmpty()) {
            text = t.get("location.none");
        } else if (shape.kind() == GeometryKind.POINT) {
            double[] p = shape.vertices().get(0);
            text = ObservationText.latLon(p[0], p[1]) + " · " + (accuracyM == null ? t.get("location.accuracyUnknown")
                    : t.format("location.accuracy", String.format(Locale.ROOT, "%.0f", accuracyM)));
        } else {
            text = t.format("location.vertices", shape.vertices().size(), shape.kind().minVertices());
            if (accuracyM != null) {
                text += " · " + t.format("location.accuracy", String.format(Locale.ROOT, "%.0f", accuracyM));
            }
        }
        location.setText(text);
        location.setAccessibleText(text);
        locationButtons.getChildren().clear();
        FlowPane buttons = new FlowPane();
        buttons.getStyleClass().add("button-flow");
        if (shape.kind() == GeometryKind.POINT) {
            buttons.getChildren().add(locationButton("use-gps", "location.useGps", () -> {
                readGps();
                refreshLocation();
            }));
        } else {
            buttons.getChildren().add(locationButton("add-vertex", "location.addVertex", () -> {
                readGps();
                refreshLocation();
            }));
        }
        buttons.getChildren().add(locationButton("pick-on-map", "location.pickOnMap",
                () -> nav.pickOnMap(shape, () -> {
                    accuracyM = null;
                    refreshLocation();
                })));
        if (shape.kind() != GeometryKind.POINT && !shape.vertices().isEmpty()) {
            buttons.getChildren().add(locationButton("clear-vertices", "location.clear", () -> {
                shape.clear();
                accuracyM = null;
                refreshLocation();
            }));
        }
        locationButtons.getChildren().add(buttons);
    }

    private Button locationButton(String id, String key, Runnable action) {
        Button b = Widgets.secondary(t.get(key), action);
        b.setId(id);
        b.setMaxWidth(Button.USE_COMPUTED_SIZE);
        return b;
    }

    private void addPhotos() {
        photos.add(ctx.photos().pick(nav.window()));
        photosRow.clearError();
    }

    @Override
    public String title() {
        return t.get(request.editing() == null ? "capture.title" : "capture.editTitle");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        Button cancel = Widgets.secondary(t.get("capture.cancel"), nav::back);
        Button save = Widgets.primary(t.get("capture.save"), this::save);
        save.setId("save");
        return List.of(cancel, save);
    }

    private void clearErrors() {
        general.setText("");
        general.setVisible(false);
        general.setManaged(false);
        locationRow.clearError();
        notesRow.clearError();
        photosRow.clearError();
        form.clearErrors();
    }

    void save() {
        clearErrors();
        boolean ok = true;
        if (!shape.isComplete()) {
            locationRow.showError(t.format("location.needVertices", shape.kind().minVertices()));
            ok = false;
        }
        if (Journal.ANONYMOUS.equals(request.owner()) && photos.count() > SyncEngine.MAX_REPORT_PHOTOS) {
            // An anonymous report carries its photos inside it, and the server takes that many at most.
            photosRow.showError(t.format("photos.tooManyForReport", SyncEngine.MAX_REPORT_PHOTOS));
            ok = false;
        }
        Optional<Map<String, Object>> attributes = form.read();
        if (!ok || attributes.isEmpty()) {
            revealFirstError();
            return;
        }
        Observation base = request.editing() == null
                ? Observation.builder().id(Ids.newV7()).kind(kind).capturedAt(OffsetDateTime.now(ctx.clock())).build()
                : request.editing().local();
        Observation observation = base.toBuilder()
                .geometry(shape.toGeometry())
                .accuracyM(accuracyM)
                .notes(notes.getText().isBlank() ? null : notes.getText().trim())
                .attributes(attributes.get())
                .photos(photos.kept())
                .build();
        try {
            ctx.journal().save(new Draft(request.owner(), observation, photos.added()));
        } catch (InvalidDraftException invalid) {
            invalid.errors().forEach(this::showAtField);
            revealFirstError();
            return;
        } catch (JournalException failed) {
            showGeneral(t.format("capture.storeFailed", failed.getMessage()));
            revealFirstError();
            return;
        }
        nav.back();
    }

    private void revealFirstError() {
        if (general.isVisible()) {
            nav.reveal(general);
            return;
        }
        content.lookupAll(".field-row").stream()
                .filter(n -> n instanceof FieldRow r && r.hasError())
                .findFirst().ifPresent(nav::reveal);
    }

    /** Puts a validation error where its field is; what has no field on this form goes on top. */
    private void showAtField(FieldError error) {
        String field = error.field() == null ? "" : error.field();
        String message = error.message() == null ? error.code() : error.message();
        if (field.startsWith("attributes.")) {
            String key = field.substring("attributes.".length()).split("[.\\[]")[0];
            if (form.showError(key, message)) {
                return;
            }
        } else if (field.startsWith("geometry") || field.startsWith("accuracyM")) {
            locationRow.showError(message);
            return;
        } else if (field.startsWith("notes")) {
            notesRow.showError(message);
            return;
        } else if (field.startsWith("photos")) {
            photosRow.showError(message);
            return;
        }
        showGeneral(message);
    }

    private void showGeneral(String message) {
        String text = general.getText().isEmpty() ? message : general.getText() + "\n" + message;
        general.setText(text);
        general.setAccessibleText(text);
        general.setVisible(true);
        general.setManaged(true);
    }
}
