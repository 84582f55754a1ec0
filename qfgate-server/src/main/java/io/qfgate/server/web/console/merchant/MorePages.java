package io.qfgate.server.web.console.merchant;

import io.qfgate.server.domain.PortalDevelopers;
import io.qfgate.server.domain.PortalStaff;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import java.util.List;

/** What the portal's dashboard, statements, developer and staff pages show. */
public final class MorePages {
    private MorePages() {}

    /** An agent's sub-merchant, for the filter. */
    public record SubMerchant(String mchid, String name) {}

    /** Figures as shown: amounts in major units. {@code rate} is empty without payments. */
    public record Figures(String volume, String refunds, String net, long payments, long paid, String rate) {}

    public record DayRow(String date, Figures figures) {}

    public record CurrencyPanel(String currency, Figures today, Figures month, Charts.Daily daily,
            List<Charts.Share> mix, List<DayRow> days) {}

    public record Dashboard(Frame frame, Texts t, List<SubMerchant> merchants, String mchid, String today,
            String from, List<CurrencyPanel> currencies) {
        public int width() {
            return Charts.WIDTH;
        }

        public int height() {
            return Charts.HEIGHT;
        }

        public int left() {
            return Charts.LEFT;
        }

        public int right() {
            return Charts.RIGHT;
        }
    }

    public record Statements(Frame frame, Texts t, List<SubMerchant> merchants, String mchid, String date,
            String download) {}

    /** The developer page's state: showing, asking to confirm a new key, or showing the new key once. */
    public enum KeyStep { SHOW, CONFIRM, NEW_KEY }

    public record Developers(Frame frame, Texts t, String appCode, String notifyUrl, KeyStep step, String newKey,
            PortalDevelopers.TestResult test, boolean testWithoutUrl, List<PortalDevelopers.Delivery> deliveries) {}

    public record Staff(Frame frame, Texts t, long self, List<PortalStaff.Member> members, String created,
            String generatedPassword, String doneKey, String errorKey) {}

    /** A page that only says why the request was refused. */
    public record Problem(Frame frame, Texts t, String messageKey) {}
}
