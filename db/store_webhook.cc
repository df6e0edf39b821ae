// Replay protection for signed provider webhooks (deploy/sql/0011_webhooks.sql): the
// one-time tokens every server of the store shares.
#include "db/store_impl.h"

namespace db {

Status Store::claim_webhook_token(const std::string& provider, const std::string& token, Time expires, bool* fresh) {
    *fresh = false;
    Result r;
    Status s = impl_->transaction([&] {
        return impl_->conn.exec(
            "SELECT claim_webhook_token($1, $2, to_timestamp($3::float8), to_timestamp($4::float8))",
            {provider, token, epoch_text(expires), epoch_text(impl_->now())}, &r);
    }, false);
    if (s.ok()) *fresh = PQntuples(r.get()) == 1 && text_at(r, 0, 0) == "t";
    return s;
}

Status Store::release_webhook_token(const std::string& provider, const std::string& token) {
    return impl_->transaction([&] {
        return impl_->conn.exec("DELETE FROM webhook_tokens WHERE provider = $1 AND token = $2", {provider, token});
    }, false);
}

}  // namespace db
