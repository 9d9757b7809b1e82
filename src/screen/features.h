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
// Thread-safety: pure functions; each thread uses its own key buffers.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "screen/signal.h"

namespace zicht::screen {

inline constexpr int kMaxFeatureWords = 200;
inline constexpr size_t kMaxSubwordLength = 20;

//! 64-bit FNV-1a, built a piece at a time: the scoring path hashes a
//! feature's key as it enumerates it instead of writing the key out first
//! (writing ~340 keys per message into a string and hashing each afterwards
//! was a third of LinearModel::TextSum's time; see linear_model.h).
class KeyHash {
 public:
  void Start(std::string_view prefix) {
    h_ = 14695981039346656037ull;
    Add(prefix);
  }
  void Add(std::string_view piece) {
    for (char c : piece) Add(c);
  }
  void Add(char c) {
    h_ ^= static_cast<unsigned char>(c);
    h_ *= 1099511628211ull;
  }
  //! Never 0 (0 marks an empty slot of the model's table).
  uint64_t value() const { return h_ == 0 ? 1 : h_; }

 private:
  uint64_t h_ = 0;
};

//! The key itself, for training (which keeps the keys) and explanations.
class KeyText {
 public:
  void Start(std::string_view prefix) { s_.assign(prefix); }
  void Add(std::string_view piece) { s_.append(piece); }
  void Add(char c) { s_.push_back(c); }
  std::string_view value() const { return s_; }

 private:
  std::string s_;
};

//! FeatureHash(key) is what KeyHash gives for the key built piece by piece.
inline uint64_t FeatureHash(std::string_view key) {
  KeyHash h;
  h.Start(key);
  return h.value();
}

//! Calls text(key.value()) for each text feature and other(key.value()) for
//! each signal and context feature, where Key is KeyText (the value is a
//! string_view, valid only during the call) or KeyHash (its FeatureHash).
template <typename Key, typename TextF, typename OtherF>
void ForEachFeatureKey(std::string_view words, SignalSet signals, bool sender_known, TextF&& text, OtherF&& other) {
  thread_local std::string prev;
  thread_local std::string word;
  thread_local std::string padded;
  thread_local Key grams[kMaxSubwordLength + 2];  // the n-grams of one word, grown from 3 to 5 characters
  Key key;
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
    key.Start("w:");
    key.Add(word);
    text(key.value());
    if (sender_known) {
      key.Start("K:");
      key.Add(word);
      text(key.value());
    }
    if (!prev.empty()) {
      key.Start("b:");
      key.Add(prev);
      key.Add(' ');
      key.Add(word);
      text(key.value());
    }
    if (word.size() <= kMaxSubwordLength) {
      padded.assign("<").append(word).append(">");
      // All 3-grams, then all 4-grams, then all 5-grams (the order training
      // numbers the features in); each n-gram extends the (n-1)-gram at the
      // same start by one character.
      for (size_t n = 3; n <= 5; ++n) {
        for (size_t i = 0; i + n <= padded.size(); ++i) {
          if (n == 3) {
            grams[i].Start("c:");
            grams[i].Add(std::string_view(padded).substr(i, 3));
          } else {
            grams[i].Add(padded[i + n - 1]);
          }
          text(grams[i].value());
        }
      }
    }
    prev.swap(word);
  }
  signals.ForEach([&](Signal s) {
    if (s == Signal::kUnknownSender) return;
    key.Start("s:");
    key.Add(SignalName(s));
    other(key.value());
  });
  key.Start(sender_known ? "k:known" : "k:unknown");
  other(key.value());
}

//! ForEachFeatureKey with the keys as text.
template <typename TextF, typename OtherF>
void ForEachFeature(std::string_view words, SignalSet signals, bool sender_known, TextF&& text, OtherF&& other) {
  ForEachFeatureKey<KeyText>(words, signals, sender_known, std::forward<TextF>(text), std::forward<OtherF>(other));
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
