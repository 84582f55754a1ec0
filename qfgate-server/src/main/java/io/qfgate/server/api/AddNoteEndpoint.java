package io.qfgate.server.api;

import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.Refusal;
import java.util.Map;

/** {@code POST /trade/v1/add_note}: a remark on a transaction, shown in reports. */
public final class AddNoteEndpoint implements SignedApi.Endpoint {
    static final int MAX_NOTE = 200;

    private final PaymentService payments;

    public AddNoteEndpoint(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public Map<String, Object> handle(SignedApi.Call call) {
        Fields f = new Fields(call.params());
        String code = f.required("code", 64);
        if (!code.equals(call.app().appCode())) {
            throw Refusal.parameter("code", "must be the app code sent in X-QF-APPCODE");
        }
        String syssn = f.required("syssn", 26);
        String note = f.required("note", MAX_NOTE);
        var noted = payments.addNote(call.app(), syssn, note);

        Map<String, Object> a = SignedApi.success();
        a.put("data", Map.of("syssn", noted.syssn()));
        return a;
    }
}
