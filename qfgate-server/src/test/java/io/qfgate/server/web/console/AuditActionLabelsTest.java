package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Texts;
import org.junit.jupiter.api.Test;

/** The audit log page names every action a console can write, in every language. */
class AuditActionLabelsTest {
    @Test
    void everyAuditActionHasALabelOnTheAuditPage() {
        for (Lang lang : Lang.values()) {
            Texts t = Texts.of("admin", lang);
            for (AuditAction action : AuditAction.values()) {
                assertThatCode(() -> t.get("action." + action.dbName())).as(action + " in " + lang)
                        .doesNotThrowAnyException();
            }
        }
    }
}
