package mx.implan.brujula.model.observation;

/** Stage of a public work as seen on site (WORKS_PROGRESS observations). */
public enum WorkStage {
    PROYECTO,
    PREPARACION,
    EN_EJECUCION,
    ACABADOS,
    TERMINADA,
    SUSPENDIDA
}
