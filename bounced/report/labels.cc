// The report's English and Japanese words (see labels.h).
#include "bounced/report/labels.h"

namespace bounced::report {
namespace {

const Labels kEnglish = {
    "Bounce report", "Period", "Previous period", "Generated", "All times are UTC.",
    "Summary", "Failures (hard, soft, policy, complaint)",
    "No bounces, suppressions, reactivations or quarantined messages in this period.",
    "The store holds no bounces at all: is bounced receiving the return address's mail (bounced run, or ingest from the MTA)?",
    "Last bounce recorded",
    "Failures by class", "By class and reason", "Class", "Reason", "Count", "Previous", "Change", "Total",
    "Failures per day", "Failures per day and class (UTC days)", "Day",
    "New suppressions", "Reactivations", "Address", "When", "Source", "By", "Was", "Note",
    "Receiving domains with the most failures", "Domain",
    "Throttled domains", "Throttled at", "Until", "Times in a row", "Policy bounces in period", "Main reason",
    "Deferrals per receiving domain",
    "Delay warnings: the receiving MTA deferred and the sender is still trying. Nobody is suppressed or backed off "
    "for them; a domain that starts deferring is the earliest sign of a reputation problem there.",
    "Warnings", "Addresses",
    "Most frequent diagnostics", "Diagnostic (addresses, numbers and ids masked)", "Status",
    "Addresses at risk",
    "Active addresses with soft bounces that still count, close to the suppression threshold",
    "Soft bounces", "From messages", "Last bounce", "Next send allowed",
    "Quarantined messages",
    "Messages the classifier refused (too large, too deeply nested, unreadable MIME); the bytes are in the "
    "daemon's quarantine directory (FINGERPRINT.eml, with FINGERPRINT.why saying why).",
    "Fingerprint", "Outcome",
    "Unverified bounces", "Message-ID never recorded as sent", "Address only guessed from free text",
    "Sends are not recorded (bounced.record_send), so no bounce can be checked against a send.",
    "Original Message-ID", "Why",
    "What to do", "Topic", "Advice", "Reasons", "Codes",
    "none", "more",
    "Held bounces",
    "Not believed, so they changed nothing (docs/trust.md): `bounced held list` shows them, "
    "`bounced held release ID` applies one, `bounced held discard ID` drops it.",
    "Waiting now", "Held in this period", "Released in this period",
};

const Labels kJapanese = {
    "バウンスレポート", "対象期間", "前の期間", "作成日時", "時刻はすべて UTC です。",
    "概要", "配信失敗(hard, soft, policy, complaint)",
    "この期間にバウンス、配信停止、再開、隔離されたメッセージはありません。",
    "ストアにバウンスが 1 件も記録されていません。bounced が返送先アドレスのメールを受け取っているか"
    "(bounced run、または MTA からの ingest)を確認してください。",
    "最後に記録されたバウンス",
    "分類別の配信失敗", "分類・理由別", "分類", "理由", "件数", "前期間", "増減", "合計",
    "日別の配信失敗", "日別・分類別の配信失敗(UTC の日付)", "日付",
    "新たな配信停止", "配信再開", "アドレス", "日時", "情報源", "実行者", "以前の状態", "メモ",
    "配信失敗の多い受信ドメイン", "ドメイン",
    "送信を抑制中のドメイン", "抑制開始", "抑制終了", "連続回数", "期間内のポリシー拒否", "主な理由",
    "受信ドメイン別の配信遅延",
    "遅延通知:受信側の MTA が受け取りを保留し、送信側はまだ再送を続けています。これによる配信停止や送信の"
    "抑制はありません。遅延が増え始めたドメインは、そこでの評判の問題の最も早い兆候です。",
    "遅延通知", "アドレス数",
    "頻出する診断メッセージ", "診断メッセージ(アドレス・数値・ID は伏せ字)", "ステータス",
    "停止が近いアドレス",
    "ソフトバウンスが続き、配信停止のしきい値に近づいている有効なアドレス",
    "ソフトバウンス", "元メッセージ数", "最後のバウンス", "次回送信可能",
    "隔離されたメッセージ",
    "分類器が受け付けなかったメッセージ(大きすぎる、入れ子が深すぎる、MIME が読めない)。本文はデーモンの"
    "隔離ディレクトリにあります(FINGERPRINT.eml と理由を書いた FINGERPRINT.why)。",
    "フィンガープリント", "結果",
    "未検証のバウンス", "送信記録にない Message-ID", "本文から推測しただけのアドレス",
    "送信が記録されていない(bounced.record_send)ため、バウンスを送信と照合できません。",
    "元の Message-ID", "理由",
    "対処方法", "項目", "対処", "理由", "コード",
    "なし", "件",
    "保留中のバウンス",
    "信頼できないため何も変更していないバウンスです（docs/trust.md）。`bounced held list` で一覧し、"
    "`bounced held release ID` で適用、`bounced held discard ID` で破棄します。",
    "現在保留中", "期間中に保留", "期間中に解放",
};

}  // namespace

const Labels& labels(Language language) { return language == Language::ja ? kJapanese : kEnglish; }

std::string change_text(long current, long previous, Language language) {
    if (previous == 0 && current > 0) return language == Language::ja ? "新規" : "new";
    const long change = current - previous;
    return change > 0 ? "+" + std::to_string(change) : std::to_string(change);
}

std::string more_text(long more, Language language) {
    if (language == Language::ja) return "ほか " + std::to_string(more) + " 件";
    return "... and " + std::to_string(more) + " more";
}

}  // namespace bounced::report
