// Amazon SNS message signatures (docs/webhooks.md, "Amazon SES"): SNS signs each
// message it posts with the private key of a certificate it names in SigningCertURL.
// SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over a canonical text of the
// message's fields that depends on its Type (AWS: "Verifying the signatures of Amazon
// SNS messages").
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace bounced::http {

// The text SNS signs: "Name\nvalue\n" for each signed field, in the documented order.
// Notification: Message, MessageId, Subject (only when present), Timestamp, TopicArn,
// Type. SubscriptionConfirmation and UnsubscribeConfirmation: Message, MessageId,
// SubscribeURL, Timestamp, Token, TopicArn, Type. "" with `*why` naming the field
// when a signed field is missing or not a string, or the Type is none of these.
std::string sns_string_to_sign(const nlohmann::json& message, std::string* why);

// "" when `message`'s Signature (base64) verifies under the public key of the PEM
// certificate `certificate_pem`, with the digest its SignatureVersion names, and the
// certificate is within its validity dates; else why not.
std::string verify_sns_signature(const nlohmann::json& message, const std::string& certificate_pem);

}  // namespace bounced::http
