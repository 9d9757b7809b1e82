// `zicht screen [--known-sender] [--thread] TEXT...`, `zicht screen --jsonl
// FILE|-` and `zicht screen --eval FILE` (docs/design.md, "Message screening";
// docs/screening.md): the same label, score and signals as
// POST /v1/messages/screen and /v1/messages/screen-thread, via the shared
// JSON helper in screen/.
//
// --jsonl reads lines {"text":"...","sender_known":false} or threads
// {"messages":[...],"sender_known":false} and prints one JSON result per
// input line, in order. A bad line prints {"line":N,"error":"..."} in its
// place and the run continues (exit 0, as for rejected ingest lines); blank
// lines are skipped. Only a file that cannot be read is a failure (exit 1).
// --signals DIR screens with the files of DIR (data/screening/ format);
// --db PATH (or the global --db / ZICHT_DB, cli/db_option.h) checks the
// identifiers in the text against that database (KNOWN_FRAUD_IDENTIFIER), as
// `zicht serve` does; without one, no database is read.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "cli/db_option.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "link/engine.h"
#include "model/identifier.h"
#include "screen/corpus_eval.h"
#include "screen/link_identifier_lookup.h"
#include "screen/screen_json.h"
#include "screen/screener.h"
#include "screen/text_lines.h"

namespace zicht::cli {
namespace {

struct ScreenOptions {
  std::vector<std::string> text_words;
  bool known_sender = false;
  bool thread = false;          // each TEXT argument is one message of a thread
  std::string jsonl_path;
  std::string eval_path;
  std::string split;            // --split for --eval
  bool originals_only = false;  // --originals-only for --eval
  bool show_misses = false;     // --misses for --eval
  std::string signals_dir;      // --signals: data/screening/-style files
  std::string db;               // --db: check identifiers against this database
  std::string format;
};

std::string LineError(int line_no, const Status& status) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("line");
  w.Int(line_no);
  w.Key("error");
  w.String(status.message().c_str());
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void PrintTable(const screen::Screener& screener, const screen::ScreenResult& r, const std::string& words,
                bool sender_known) {
  std::printf("label    %s\n", std::string(screen::LabelName(r.label)).c_str());
  std::printf("score    %.3f   (model %s, threshold %.3f; signals from %s)\n", r.score,
              r.model_score < 0 ? "off" : std::to_string(r.model_score).substr(0, 5).c_str(),
              screener.model().empty() ? screen::kLabelThreshold : screener.model().threshold(),
              screener.source().c_str());
  std::printf("rules    hulpvraagfraude %.3f  phishing %.3f  bankhelpdeskfraude %.3f\n",
              r.label_scores[static_cast<size_t>(screen::Label::kHulpvraagfraude)],
              r.label_scores[static_cast<size_t>(screen::Label::kPhishing)],
              r.label_scores[static_cast<size_t>(screen::Label::kBankhelpdeskfraude)]);
  if (r.messages != 1 || r.first_flagged >= 0) {
    std::printf("thread   %d messages, first flagged: %s\n", r.messages,
                r.first_flagged < 0 ? "none" : ("message " + std::to_string(r.first_flagged + 1)).c_str());
  }
  bool first = true;
  for (int i = 0; i < screen::kSignalCount; ++i) {
    const auto s = static_cast<screen::Signal>(i);
    if (!r.signals.Has(s)) continue;
    std::printf("%-9s%-24s %s\n", first ? "signals" : "", std::string(screen::SignalName(s)).c_str(),
                std::string(screen::SignalDescription(s)).c_str());
    first = false;
  }
  if (first) std::printf("signals  (none)\n");
  for (const auto& hit : r.known_identifiers) {
    std::printf("known    %s: risk %s, %lld reports\n", std::string(model::kIdentifierKindNames.Name(hit.kind)).c_str(),
                hit.risk.c_str(), static_cast<long long>(hit.reports));
  }
  if (!screener.model().empty() && !words.empty()) {
    std::string top;
    for (const auto& [key, weight] : screener.model().TopFeatures(words, r.signals, sender_known, 6)) {
      top += (top.empty() ? "" : ", ") + key;
    }
    if (!top.empty()) std::printf("model    weighs most: %s\n", top.c_str());
  }
}

int ScreenJsonl(const screen::Screener& screener, const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return ReportStatus("screen", Status::IOError("cannot open " + path));
    in = &file;
  }
  std::string line;
  std::string out;
  int line_no = 0;
  while (std::getline(*in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    // A thread line has "messages"; anything else is one message.
    rapidjson::Document probe;
    probe.Parse(line.data(), line.size());
    const bool thread = !probe.HasParseError() && probe.IsObject() && probe.HasMember("messages");
    Result<std::string> result =
        thread ? screen::ScreenThreadJsonRequest(screener, line) : screen::ScreenJsonRequest(screener, line);
    out = result.ok() ? *result : LineError(line_no, result.status());
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (in->bad()) return ReportStatus("screen", Status::IOError("error reading " + path));
  return kExitOk;
}

// --eval FILE: recall, false-positive rate, ROC and per-family confusion on
// a labelled corpus (screen/corpus_eval.h), optionally one split only.
int EvalCorpus(const screen::Screener& screener, const ScreenOptions& opt) {
  std::ifstream file(opt.eval_path, std::ios::binary);
  if (!file) return ReportStatus("screen", Status::IOError("cannot open " + opt.eval_path));
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto corpus = screen::ParseCorpus(text);
  if (!corpus.ok()) {
    return ReportStatus("screen", Status::InvalidArgument(opt.eval_path + ": " + corpus.status().message()));
  }
  const auto selected = screen::FilterCorpus(*corpus, {opt.split, opt.originals_only});
  if (selected.empty()) {
    return ReportStatus("screen", Status::InvalidArgument("no messages in " + opt.eval_path +
                                                          (opt.split.empty() ? "" : " with split " + opt.split)));
  }
  const screen::EvalReport report = screen::Evaluate(screener, selected);
  std::string title = opt.split.empty() ? "all splits" : "split " + opt.split;
  if (opt.originals_only) title += ", originals only";
  title += screener.model().empty() ? ", rule scores only" : ", model on";
  std::printf("%s", screen::FormatReport(report, title).c_str());
  std::printf("summary %s\n", screen::SummaryLine(report).c_str());
  if (opt.show_misses) {
    for (const std::string& miss : report.misses) std::printf("  miss %s\n", miss.c_str());
  }
  return kExitOk;
}

int RunScreen(const ScreenOptions& opt) {
  const bool have_text = !opt.text_words.empty();
  const bool have_jsonl = !opt.jsonl_path.empty();
  const bool have_eval = !opt.eval_path.empty();
  if (int(have_text) + int(have_jsonl) + int(have_eval) != 1) {
    return ReportStatus("screen", Status::InvalidArgument("give one of TEXT, --jsonl FILE|- or --eval FILE"), true);
  }
  if (!have_eval && (!opt.split.empty() || opt.originals_only || opt.show_misses)) {
    return ReportStatus("screen", Status::InvalidArgument("--split, --originals-only and --misses need --eval"),
                        true);
  }
  if (opt.thread && !have_text) {
    return ReportStatus("screen", Status::InvalidArgument("--thread applies to TEXT arguments; in --jsonl a thread "
                                                          "is a line {\"messages\":[...]}"),
                        true);
  }
  if (have_jsonl && opt.known_sender) {
    return ReportStatus("screen",
                        Status::InvalidArgument("--known-sender applies to TEXT; with --jsonl each line "
                                                "carries its own sender_known"),
                        true);
  }
  if (have_jsonl && (opt.format == "table" || opt.format == "json")) {
    return ReportStatus("screen", Status::InvalidArgument("--jsonl always prints JSON lines"), true);
  }
  for (const std::string& word : opt.text_words) {
    if (const size_t bad = screen::InvalidUtf8At(word); bad != std::string::npos) {
      return ReportStatus("screen", Status::InvalidArgument("text: not valid UTF-8 at byte " + std::to_string(bad)),
                          true);
    }
  }
  auto config = opt.signals_dir.empty() ? screen::BuiltinSignalConfig() : screen::LoadSignalConfig(opt.signals_dir);
  if (!config.ok()) return ReportStatus("screen", config.status());
  std::unique_ptr<link::Engine> engine;
  std::unique_ptr<screen::LinkIdentifierLookup> lookup;
  if (!opt.db.empty()) {
    if (!StoreExists(opt.db)) {
      return ReportStatus("screen", Status::NotFound("no database at '" + opt.db + "' (run zicht ingest first)"));
    }
    link::EngineOptions options;
    options.db_path = opt.db;
    auto built = link::BuildEngine(options);
    if (!built.ok()) return ReportStatus("screen", built.status());
    engine = std::move(built).value();
    lookup = std::make_unique<screen::LinkIdentifierLookup>(*engine);
  }
  auto screener = screen::Screener::Create(*config, lookup.get());
  if (!screener.ok()) return ReportStatus("screen", screener.status());
  if (have_jsonl) return ScreenJsonl(**screener, opt.jsonl_path);
  if (have_eval) return EvalCorpus(**screener, opt);

  screen::ScreenResult result;
  std::string words;  // for the table's model explanation
  if (opt.thread) {
    if (opt.text_words.size() > screen::kMaxThreadMessages) {
      return ReportStatus("screen", Status::InvalidArgument("--thread: more than " +
                                                            std::to_string(screen::kMaxThreadMessages) + " messages"),
                          true);
    }
    result = (*screener)->ScreenThread(opt.text_words, opt.known_sender);
    for (const std::string& m : opt.text_words) words += (*screener)->Analyze(m, opt.known_sender).words + " ";
  } else {
    std::string text;
    for (const std::string& word : opt.text_words) text += (text.empty() ? "" : " ") + word;
    if (text.size() > screen::kMaxTextBytes) {
      return ReportStatus("screen", Status::TooLarge("text: longer than " + std::to_string(screen::kMaxTextBytes) +
                                                     " bytes"),
                          true);
    }
    result = (*screener)->Screen(text, opt.known_sender);
    words = (*screener)->Analyze(text, opt.known_sender).words;
  }
  if (ResolveFormat(opt.format) == OutputFormat::kTable) {
    PrintTable(**screener, result, words, opt.known_sender);
  } else {
    std::printf("%s\n", screen::ScreenResultToJson(result, opt.thread).c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterScreenCommand(CLI::App& app, CommandContext& ctx) {
  auto opt = std::make_shared<ScreenOptions>();
  auto* cmd = app.add_subcommand(
      "screen",
      "Screen a chat message or SMS for help-request fraud, phishing and bank-helpdesk fraud:\n"
      "label, calibrated score 0..1 and the signals found (docs/screening.md).\n"
      "  zicht screen \"Hoi mam, dit is mijn nieuwe nummer. Kun je 800 euro overmaken?\"\n"
      "  zicht screen --thread \"Hoi mam, nieuw nummer\" \"Kun je 800 euro overmaken?\"\n"
      "  zicht screen --jsonl messages.jsonl   (lines {\"text\":\"...\",\"sender_known\":false})\n"
      "  zicht screen --eval tests/data/screening/corpus.jsonl --split heldout");
  cmd->add_option("text", opt->text_words, "the message (several words are joined with spaces)");
  cmd->add_flag("--known-sender", opt->known_sender, "the sender is a saved contact (lowers help-request scores)");
  cmd->add_flag("--thread", opt->thread, "each TEXT argument is one message of a conversation, oldest first");
  cmd->add_option("--jsonl", opt->jsonl_path,
                  "screen JSON Lines from FILE, or - for stdin; one result per line (a line with\n"
                  "\"messages\" is a thread)");
  cmd->add_option("--eval", opt->eval_path,
                  "evaluate on a labelled corpus (JSON Lines with text, sender_known, label, family, split):\n"
                  "recall, false-positive rate, ROC point and a confusion matrix per family");
  cmd->add_option("--split", opt->split, "with --eval: only messages of this split (train, heldout)");
  cmd->add_flag("--originals-only", opt->originals_only, "with --eval: leave out script-made spelling variants");
  cmd->add_flag("--misses", opt->show_misses, "with --eval: list the messages the screener got wrong");
  cmd->add_option("--signals", opt->signals_dir,
                  "directory with patterns.tsv, variants.tsv, weights.tsv, brands.tsv, model.tsv\n"
                  "(missing files: the built-in ones); see data/screening/");
  AddDbOption(cmd, &opt->db, ctx.global_db,
              "check IBANs, phone numbers, URLs and e-mail addresses in the text against this SQLite\n"
              "database (KNOWN_FRAUD_IDENTIFIER); default: none",
              "");
  AddFormatOption(cmd, &opt->format, {"table", "json", "jsonl"});
  cmd->callback([opt, &ctx] { ctx.exit_code = RunScreen(*opt); });
}

}  // namespace zicht::cli
