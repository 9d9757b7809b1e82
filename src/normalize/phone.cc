#include "normalize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <exception>
#include <string>

#include "normalize/phone_fast_path.h"
#include "normalize/text.h"

namespace zicht::normalize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Numbers without a country code are read as Dutch (docs/design.md).
constexpr const char* kDefaultRegion = "NL";

// libphonenumber refuses longer input itself; checking first keeps the
// error message ours and bounds the work per value.
constexpr size_t kMaxPhoneInput = 250;

std::string ParseErrorMessage(PhoneNumberUtil::ErrorType error) {
  switch (error) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return "unknown country calling code";
    case PhoneNumberUtil::NOT_A_NUMBER: return "not a phone number";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return "phone number is too short after the international prefix";
    case PhoneNumberUtil::TOO_SHORT_NSN: return "phone number is too short";
    case PhoneNumberUtil::TOO_LONG_NSN: return "phone number is too long";
    case PhoneNumberUtil::NO_PARSING_ERROR: break;
  }
  return "not a phone number";
}

std::string InvalidNumberMessage(const PhoneNumberUtil& util, const PhoneNumber& number) {
  switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE: return "unknown country calling code";
    case PhoneNumberUtil::TOO_SHORT: return "phone number is too short for its country";
    case PhoneNumberUtil::TOO_LONG: return "phone number is too long for its country";
    case PhoneNumberUtil::INVALID_LENGTH: return "phone number has the wrong length for its country";
    default: break;
  }
  return "phone number is not a valid number for its country";
}

// The general path: libphonenumber's parser, validity check and formatter.
Result<std::string> ParseWithLibphonenumber(std::string_view text) {
  if (text.size() > kMaxPhoneInput) return Status::InvalidArgument("phone number is too long");
  // libphonenumber reports errors by return value; the catch only turns an
  // allocation failure or a bug in it into a Status (CONTRIBUTING.md, "Habits").
  try {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const PhoneNumberUtil::ErrorType error = util.Parse(std::string(text), kDefaultRegion, &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
      return Status::InvalidArgument(ParseErrorMessage(error));
    }
    if (!util.IsValidNumber(number)) return Status::InvalidArgument(InvalidNumberMessage(util, number));
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("libphonenumber failed: ") + e.what());
  }
}

}  // namespace

Result<std::string> NormalizePhoneWithLibphonenumberForTest(std::string_view raw) {
  return ParseWithLibphonenumber(TrimAscii(raw));
}

Result<std::string> NormalizePhone(std::string_view raw) {
  const std::string_view text = TrimAscii(raw);
  if (const std::optional<FastPhone> phone = ScanFastPathPhone(text)) {
    if (!FastPathNumberValid(*phone)) {
      return Status::InvalidArgument("phone number is not a valid number for its country");
    }
    return "+" + std::to_string(phone->country_code) + std::to_string(phone->nsn);
  }
  return ParseWithLibphonenumber(text);
}

}  // namespace zicht::normalize
