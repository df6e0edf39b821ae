// config::redact_secrets: every form of a password in a database or mailbox URL is
// masked before anything logs or prints it.
#include <catch2/catch.hpp>

#include "config/load.h"
#include "config/redact.h"

using config::redact_secrets;

TEST_CASE("redact: user:password@ in a URL", "[config]") {
    CHECK(redact_secrets("postgresql://bounced:s3cret@db.example:5432/bounced") ==
          "postgresql://bounced:***@db.example:5432/bounced");
    CHECK(redact_secrets("postgres://u:p%40ss@h/db") == "postgres://u:***@h/db");
    CHECK(redact_secrets("postgresql://u:with@at@h/db") == "postgresql://u:***@h/db");
    CHECK(redact_secrets("postgresql://bounced@h/db") == "postgresql://bounced@h/db");
    CHECK(redact_secrets("postgresql://h/db?user=a@b") == "postgresql://h/db?user=a@b");
}

TEST_CASE("redact: ?password= and &sslpassword= in a URL's query", "[config]") {
    CHECK(redact_secrets("postgresql://h/db?password=s3cret") == "postgresql://h/db?password=***");
    CHECK(redact_secrets("postgresql://h/db?sslmode=require&password=s3cret&application_name=x") ==
          "postgresql://h/db?sslmode=require&password=***&application_name=x");
    CHECK(redact_secrets("postgresql://h/db?sslpassword=k&user=u") == "postgresql://h/db?sslpassword=***&user=u");
    CHECK(redact_secrets("postgresql://h/db?PASSWORD=s3cret") == "postgresql://h/db?PASSWORD=***");
}

TEST_CASE("redact: password= in a conninfo string, quoted or not, spaces around =", "[config]") {
    CHECK(redact_secrets("host=h dbname=b password=s3cret user=u") == "host=h dbname=b password=*** user=u");
    CHECK(redact_secrets("host=h password = 'a b' user=u") == "host=h password = *** user=u");
    CHECK(redact_secrets("password='it\\'s secret' host=h") == "password=*** host=h");
    CHECK(redact_secrets("host=h password =s3cret") == "host=h password =***");
    CHECK(redact_secrets("host=h  sslpassword=k") == "host=h  sslpassword=***");
    CHECK(redact_secrets("host=h dbname=bounced") == "host=h dbname=bounced");
}

TEST_CASE("redact: the IMAP and POP3 URLs' passwords", "[config]") {
    CHECK(redact_secrets("imaps://bounces:s3cret@mail.example/INBOX") == "imaps://bounces:***@mail.example/INBOX");
    CHECK(redact_secrets("pop3s://bounces:s3cret@mail.example") == "pop3s://bounces:***@mail.example");
    CHECK(redact_secrets("imaps://mail.example/INBOX") == "imaps://mail.example/INBOX");
}

TEST_CASE("config: the store shows the database URL with its password masked", "[config]") {
    const config::CommandSpec command{"bounced test", "a test", {}};
    config::Invocation inv;
    std::string error;
    REQUIRE(config::load({"test", "--database.url=host=h password = 'a b' dbname=x"}, command, &inv, &error,
                         [](const char*) -> const char* { return nullptr; }));
    CHECK(inv.settings.store.url_for_logs == "host=h password = *** dbname=x");
}
