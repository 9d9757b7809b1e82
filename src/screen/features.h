#pragma once
// The features of the learned model (linear_model.h): what a screened
// message looks like to the classifier. One function, used both to train
// (screen_train, which keeps the keys) and to score (which hashes them), so
// the two cannot drift apart.
//
// From the words view (text_normalizer.h: lower case, no diacritics, chat
// spellings canonical), with every digit mapped to 0 so amounts and numbers
// generalise ("850 euro" and "1240 euro" share "w:000 euro"-like keys):
//   "w:" + word                       unigrams
//   "K:" + word                       unigrams again, from a saved contact
//                                     only (a hijacked contact's words weigh
//                                     otherwise than a stranger's)
//   "b:" + word + " " + next word     bigrams
//   "c:" + n-gram of "<word>"         character 3-, 4- and 5-grams of words up
//                                     to 20 letters (fastText-style subwords:
//                                     they carry spelling variants and English)
// These text features get the value 1/sqrt(number of text features), so a
// long message does not score higher just for being long. Then, value 1:
//   "s:" + SIGNAL                     every explainable signal found
//   "k:known" or "k:unknown"          the sender context
// Only the first kMaxFeatureWords words count: a 1 MB message costs no more
// than a long chat message.
//
// Thread-safety: pure functions; each thread uses its own key buffer.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "screen/signal.h"

namespace zicht::screen {

inline constexpr int kMaxFeatureWords = 200;
inline constexpr size_t kMaxSubwordLength = 20;

//! Calls text(key) for each text feature and other(key) for each signal and
//! context feature. `key` is valid only during the call.
template <typename TextF, typename OtherF>
void ForEachFeature(std::string_view words, SignalSet signals, bool sender_known, TextF&& text, OtherF&& other) {
  thread_local std::string key;
  thread_local std::string prev;
  thread_local std::string word;
  thread_local std::string padded;
  prev.clear();
  int count = 0;
  size_t pos = 0;
  while (pos < words.size() && count < kMaxFeatureWords) {
    size_t end = words.find(' ', pos);
    if (end == std::string_view::npos) end = words.size();
    if (end == pos) {
      ++pos;
      continue;
    }
    word.assign(words.substr(pos, end - pos));
    pos = end + 1;
    ++count;
    for (char& c : word) {
      if (c >= '1' && c <= '9') c = '0';
    }
    key.assign("w:").append(word);
    text(std::string_view(key));
    if (sender_known) {
      key.assign("K:").append(word);
      text(std::string_view(key));
    }
    if (!prev.empty()) {
      key.assign("b:").append(prev).append(" ").append(word);
      text(std::string_view(key));
    }
    if (word.size() <= kMaxSubwordLength) {
      padded.assign("<").append(word).append(">");
      for (size_t n = 3; n <= 5; ++n) {
        for (size_t i = 0; i + n <= padded.size(); ++i) {
          key.assign("c:").append(padded, i, n);
          text(std::string_view(key));
        }
      }
    }
    prev.swap(word);
  }
  for (int i = 0; i < kSignalCount; ++i) {
    const auto s = static_cast<Signal>(i);
    if (s == Signal::kUnknownSender || !signals.Has(s)) continue;
    key.assign("s:").append(SignalName(s));
    other(std::string_view(key));
  }
  other(std::string_view(sender_known ? "k:known" : "k:unknown"));
}

//! Text features of a message shorter than this count as if it had this
//! many: a one-word "hallo" is little evidence either way, and without the
//! floor its few features would each weigh as much as a whole sentence's
//! (1/sqrt(13) against 1/sqrt(100)), so a model trained on real, short scam
//! openers flagged any greeting from an unknown number.
inline constexpr int kMinTextFeatureCount = 40;

//! The value of each text feature when a message has `count` of them.
inline double TextFeatureValue(int count) {
  return count == 0 ? 0.0 : 1.0 / std::sqrt(static_cast<double>(std::max(count, kMinTextFeatureCount)));
}

}  // namespace zicht::screen
