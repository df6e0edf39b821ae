// apply_bench: how fast Store::apply takes classified recipients, against what pgbench
// reaches on the same server with a batched upsert of as many rows into a table shaped
// like subscribers (same columns, same indexes), batch for batch. A second reference,
// "same writes", has pgbench write the three rows apply writes per recipient (fingerprint,
// event, subscriber) into the store's own tables, with none of apply's decisions.
//
//   apply_bench DATABASE_URL CORPUS_DIR [RECIPIENTS]     (RECIPIENTS default 100000)
//
// Every .eml under CORPUS_DIR is classified once; the recipient results are then
// cycled, each under a new address and message fingerprint, until RECIPIENTS are
// applied, for batch sizes 1, 100 and 1000 (batch size 1 applies a tenth of them: one
// transaction per message is slow by design). Each run uses a fresh schema, dropped
// after. This is a benchmark, not a test: it prints numbers and checks nothing.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "db/store.h"

namespace {

using Seconds = std::chrono::duration<double>;

std::vector<classify::Report> classify_corpus(const std::string& dir) {
    std::vector<classify::Report> reports;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".eml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto report = classify::classify_message(bytes);
        if (!report.recipients.empty()) reports.push_back(std::move(report));
    }
    return reports;
}

// Messages carrying `count` recipients in all, each recipient under a new address.
std::vector<db::IncomingMessage> synthesise(const std::vector<classify::Report>& reports, std::size_t count) {
    std::vector<db::IncomingMessage> messages;
    std::size_t made = 0;
    for (std::size_t i = 0; made < count; ++i) {
        db::IncomingMessage m;
        m.fingerprint = "bench-" + std::to_string(i);
        m.source = "bench";
        m.report = reports[i % reports.size()];
        for (auto& r : m.report.recipients) {
            const auto at = r.recipient.rfind('@');
            r.recipient = "u" + std::to_string(made++) + (at == std::string::npos ? "@example.com" : r.recipient.substr(at));
        }
        m.report.original.message_id = "<issue-" + std::to_string(i % 50) + "@bench>";
        messages.push_back(std::move(m));
    }
    return messages;
}

double run_apply(const std::string& url, const std::vector<db::IncomingMessage>& messages, std::size_t batch,
                 std::size_t* recipients) {
    db::Options options;
    options.url = url;
    options.schema = "bench_apply_" + std::to_string(batch);
    db::Store store(options);
    std::vector<std::string> applied;
    if (auto s = store.migrate(&applied); !s.ok()) throw std::runtime_error(s.message);
    *recipients = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < messages.size(); i += batch) {
        const std::vector<db::IncomingMessage> part(messages.begin() + i,
                                                    messages.begin() + std::min(messages.size(), i + batch));
        const auto out = store.apply(part);
        if (!out.status.ok()) throw std::runtime_error(out.status.message);
        for (const auto& m : part) *recipients += m.report.recipients.size();
    }
    return Seconds(std::chrono::steady_clock::now() - start).count();
}

// psql, quiet: PGOPTIONS keeps the server's NOTICEs (DROP ... CASCADE) out of the table.
std::string psql(const std::string& url, const std::string& sql) {
    return "PGOPTIONS='-c client_min_messages=warning' psql -X -q \"" + url + "\" -c '" + sql + "'";
}

// The subscribers table of deploy/sql/0001_init.sql: the same columns and indexes, so
// each pgbench row costs what a subscriber row costs.
constexpr const char* kSubscriberTable =
    "CREATE TABLE bench_upsert.t (address text PRIMARY KEY, domain text NOT NULL,"
    " status text NOT NULL DEFAULT $$active$$, suppressed_class text, suppressed_reason text,"
    " suppressed_at timestamptz, suppressed_source text, next_send_after timestamptz,"
    " soft_count integer NOT NULL DEFAULT 0, soft_counted_since timestamptz,"
    " hard_count integer NOT NULL DEFAULT 0, complaint_count integer NOT NULL DEFAULT 0,"
    " bounce_count integer NOT NULL DEFAULT 0, last_bounce_at timestamptz, last_bounce_class text,"
    " last_bounce_reason text, created_at timestamptz NOT NULL DEFAULT now(),"
    " updated_at timestamptz NOT NULL DEFAULT now());"
    " CREATE INDEX ON bench_upsert.t (suppressed_at) WHERE status = $$suppressed$$;"
    " CREATE INDEX ON bench_upsert.t (domain)";

// Runs the pgbench `script` (the batch size is in it) for `transactions` transactions;
// returns transactions per second.
double pgbench_tps(const std::string& url, const std::string& script_text, std::size_t transactions) {
    const std::string script = "/tmp/bounced_apply_bench.sql";
    std::ofstream(script) << script_text;
    const std::string command = "pgbench -n -f " + script + " -t " + std::to_string(std::max<std::size_t>(1, transactions)) +
                                " \"" + url + "\" 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    double tps = 0;
    char line[512];
    while (pipe && fgets(line, sizeof line, pipe.get())) {
        std::sscanf(line, "tps = %lf", &tps);
    }
    return tps;
}

// pgbench, one transaction = one INSERT ... ON CONFLICT DO UPDATE of `batch` subscriber
// rows (new addresses, as apply's are), setting what apply's upsert sets: the issue's
// reference. Returns rows per second.
double run_pgbench_upsert(const std::string& url, std::size_t batch, std::size_t rows) {
    const std::string setup = psql(url, std::string("DROP SCHEMA IF EXISTS bench_upsert CASCADE; CREATE SCHEMA bench_upsert; ") +
                                            kSubscriberTable);
    if (std::system(setup.c_str()) != 0) throw std::runtime_error("psql setup failed");
    std::ostringstream script;
    script << "\\set base random(0, 1000000000)\n"
           << "INSERT INTO bench_upsert.t AS t (address, domain, bounce_count, hard_count, complaint_count,"
           << " last_bounce_at, last_bounce_class, last_bounce_reason, next_send_after, updated_at)"
           << " SELECT 'u' || (:base + g) || '@example.com', 'example.com', 1, 0, 0, now(), 'soft',"
           << " 'mailboxfull', now() + interval '1 day', now() FROM generate_series(1, " << batch << ") g"
           << " ON CONFLICT (address) DO UPDATE SET bounce_count = t.bounce_count + excluded.bounce_count,"
           << " last_bounce_at = excluded.last_bounce_at, last_bounce_class = excluded.last_bounce_class,"
           << " last_bounce_reason = excluded.last_bounce_reason, next_send_after = excluded.next_send_after,"
           << " updated_at = excluded.updated_at;\n";
    const double tps = pgbench_tps(url, script.str(), rows / batch);
    std::system(psql(url, "DROP SCHEMA bench_upsert CASCADE").c_str());
    return tps * static_cast<double>(batch);
}

// pgbench writing, per recipient, the three rows apply must write, into the store's
// own tables (a migrated schema: same columns, indexes, constraints): the message's
// fingerprint, the event, and the subscriber upsert, in one statement per batch and
// with none of apply's decisions. The floor under apply's cost, printed beside the
// issue's reference so the gap between them can be read as write volume or as logic.
double run_pgbench_same_writes(const std::string& url, std::size_t batch, std::size_t rows) {
    const std::string schema = "bench_writes";
    std::system(psql(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE").c_str());
    db::Options options;
    options.url = url;
    options.schema = schema;
    std::vector<std::string> applied;
    if (auto s = db::Store(options).migrate(&applied); !s.ok()) throw std::runtime_error(s.message);
    std::ostringstream script;
    script << "\\set base random(0, 1000000000)\n"
           << "WITH g AS (SELECT :base::bigint * 10000 + i AS n FROM generate_series(1, " << batch << ") i),"
           << " fp AS (INSERT INTO " << schema << ".processed_messages (fingerprint, source, outcome, recipients, processed_at)"
           << " SELECT md5(n::text), 'bench', 'bounce', 1, now() FROM g ON CONFLICT DO NOTHING RETURNING fingerprint),"
           << " ev AS (INSERT INTO " << schema << ".bounce_events (occurred_at, fingerprint, address, domain, bounce_class,"
           << " reason, status_code, reply_code, diagnostic, trust, trust_level)"
           << " SELECT now(), fingerprint, 'u' || fingerprint || '@example.com', 'example.com', 'soft', 'mailboxfull',"
           << " '4.2.2', 452, '452 4.2.2 Mailbox full', 'structured', 'dsn' FROM fp RETURNING address)"
           << " INSERT INTO " << schema << ".subscribers AS t (address, domain, bounce_count, last_bounce_at,"
           << " last_bounce_class, last_bounce_reason, next_send_after, updated_at)"
           << " SELECT address, 'example.com', 1, now(), 'soft', 'mailboxfull', now() + interval '1 day', now() FROM ev"
           << " ON CONFLICT (address) DO UPDATE SET bounce_count = t.bounce_count + excluded.bounce_count,"
           << " last_bounce_at = excluded.last_bounce_at, next_send_after = excluded.next_send_after,"
           << " updated_at = excluded.updated_at;\n";
    const double tps = pgbench_tps(url, script.str(), rows / batch);
    std::system(psql(url, "DROP SCHEMA " + schema + " CASCADE").c_str());
    return tps * static_cast<double>(batch);
}

void drop_schema(const std::string& url, std::size_t batch) {
    std::system(psql(url, "DROP SCHEMA IF EXISTS bench_apply_" + std::to_string(batch) + " CASCADE").c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: apply_bench DATABASE_URL CORPUS_DIR [RECIPIENTS]\n";
        return 64;
    }
    const std::string url = argv[1];
    const std::size_t total = argc > 3 ? std::stoul(argv[3]) : 100000;
    try {
        const auto reports = classify_corpus(argv[2]);
        if (reports.empty()) throw std::runtime_error(std::string("no classified .eml files under ") + argv[2]);
        std::printf("%zu corpus messages with recipients; %zu recipients per batch size\n", reports.size(), total);
        std::printf("%8s %12s %14s %14s %8s %16s %8s\n", "batch", "recipients", "apply rcpt/s", "pgbench row/s",
                    "ratio", "same-writes/s", "ratio");
        for (const std::size_t batch : {std::size_t(1), std::size_t(100), std::size_t(1000)}) {
            const std::size_t count = batch == 1 ? total / 10 : total;
            const auto messages = synthesise(reports, count);
            drop_schema(url, batch);
            std::size_t recipients = 0;
            const double seconds = run_apply(url, messages, batch, &recipients);
            drop_schema(url, batch);
            const double apply_rate = recipients / seconds;
            const double pgbench_rate = run_pgbench_upsert(url, batch, recipients);
            const double writes_rate = run_pgbench_same_writes(url, batch, recipients);
            std::printf("%8zu %12zu %14.0f %14.0f %8.2f %16.0f %8.2f\n", batch, recipients, apply_rate, pgbench_rate,
                        pgbench_rate / apply_rate, writes_rate, writes_rate / apply_rate);
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::cerr << "apply_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
