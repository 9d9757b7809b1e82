// libFuzzer target: screening on arbitrary bytes — as message text, as a
// thread (and through quotation.h's scan), as a JSON request body (what POST /v1/messages/screen and
// /v1/messages/screen-thread receive), as each signals file (patterns.tsv,
// variants.tsv, weights.tsv, brands.tsv, model.tsv: what --signals and
// SIGHUP load) and as a corpus (--eval). Checks that nothing crashes, that
// the score is in 0..1 and agrees with the label, and that every parser
// either succeeds or returns an error that names where it failed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <rapidjson/document.h>

#include "screen/corpus_eval.h"
#include "screen/quotation.h"
#include "screen/screen_json.h"

namespace {

const zicht::screen::Screener& SharedScreener() {
  static const auto* screener = [] {
    auto s = zicht::screen::Screener::Create();
    if (!s.ok()) std::abort();
    return std::move(s).value().release();
  }();
  return *screener;
}

void CheckJsonResult(const zicht::Result<std::string>& json) {
  if (json.ok()) {
    rapidjson::Document doc;
    doc.Parse(json->c_str());
    if (!doc.IsObject() || !doc.HasMember("label") || !doc.HasMember("score") || !doc.HasMember("signals")) {
      std::abort();
    }
  } else if (json.status().message().empty() ||
             (json.status().code() != zicht::StatusCode::kInvalidArgument &&
              json.status().code() != zicht::StatusCode::kTooLarge)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zicht::screen;
  const Screener& screener = SharedScreener();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool known = size > 0 && (data[0] & 1);
  const ScreenResult r = screener.Screen(bytes, known);
  if (!(r.score >= 0 && r.score <= 1)) std::abort();
  if (known == r.signals.Has(Signal::kUnknownSender)) std::abort();
  // A quoted message (quotation.h) is cut out, never grown: each takes at
  // least two marks and three words and leaves one space.
  std::string outside;
  if (RemoveQuotedMessages(bytes, &outside) != r.signals.Has(Signal::kQuotedMessage)) std::abort();
  if (r.signals.Has(Signal::kQuotedMessage) && outside.size() >= bytes.size()) std::abort();

  // The bytes split at newlines as a thread.
  std::vector<std::string> thread;
  for (size_t pos = 0; pos <= bytes.size() && thread.size() < kMaxThreadMessages;) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    thread.emplace_back(bytes.substr(pos, end - pos));
    pos = end + 1;
  }
  const ScreenResult t = screener.ScreenThread(thread, known);
  if (!(t.score >= 0 && t.score <= 1) || t.first_flagged >= t.messages) std::abort();

  CheckJsonResult(ScreenJsonRequest(screener, bytes));
  CheckJsonResult(ScreenThreadJsonRequest(screener, bytes));

  // Each signals file as the bytes (the others empty, which is valid, so
  // each run costs only the file under test): loads, or fails naming it.
  for (std::string_view name : kSignalFiles) {
    std::map<std::string, std::string, std::less<>> files;
    for (std::string_view n : kSignalFiles) files.emplace(n, n == name ? bytes : std::string_view());
    auto config = ParseSignalConfig(files);
    if (!config.ok()) {
      if (config.status().message().find(std::string(name) + ":") != 0) std::abort();
      continue;
    }
    if (name == "model.tsv") {
      auto model = LinearModel::Parse(bytes);
      if (!model.ok() && model.status().message().find("model.tsv:") != 0) std::abort();
    }
  }
  auto corpus = ParseCorpus(bytes);
  if (!corpus.ok() && corpus.status().message().find("line ") != 0) std::abort();
  return 0;
}
