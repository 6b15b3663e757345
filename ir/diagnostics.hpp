// Diagnostics: every pass reports problems here, at a Python source location.
// The Python side (pyrite/diagnostics.py) renders them as
// `file:line:col: error: message`, the source line and a caret.
#pragma once
#include <string>
#include <vector>

namespace pyrite {

struct Loc {
    int line = 0;     // 1-based, as ast.lineno
    int col = 0;      // 0-based UTF-8 byte offset, as ast.col_offset
    int end_col = -1; // end of the offending range on the same line, or -1
};

struct Diagnostic {
    std::string file;
    Loc loc;
    std::string severity;  // "error" or "note"
    std::string message;
};

class Diagnostics {
public:
    void error(const std::string& file, Loc loc, std::string message) {
        items_.push_back({file, loc, "error", std::move(message)});
        ++errors_;
    }
    void note(const std::string& file, Loc loc, std::string message) {
        items_.push_back({file, loc, "note", std::move(message)});
    }
    bool has_errors() const { return errors_ > 0; }
    const std::vector<Diagnostic>& items() const { return items_; }
    // forget the diagnostics after the first n (a caller that reports the cause its own way)
    void truncate(size_t n) {
        for (size_t i = n; i < items_.size(); ++i) errors_ -= items_[i].severity == "error";
        if (n < items_.size()) items_.resize(n);
    }

private:
    std::vector<Diagnostic> items_;
    int errors_ = 0;
};

}  // namespace pyrite
