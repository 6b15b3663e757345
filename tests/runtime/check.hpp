// A minimal test harness: CHECK(cond), CHECK_RAISES(expr, kind), and a summary.
#pragma once
#include <cstdio>
#include <cstring>

#include <pyrite/core.hpp>

static int failures = 0, checks = 0;

// true when no text is expected, or the message is exactly the text
inline bool message_is(const char* message, const char* expected) {
    return expected == nullptr || std::strcmp(message, expected) == 0;
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        ++checks;                                                                    \
        if (!(cond)) {                                                               \
            ++failures;                                                              \
            std::printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);     \
        }                                                                            \
    } while (0)

// Checks that expr raises pyrite::Error of the given kind, with message text if non-null.
#define CHECK_RAISES(expr, exc, text)                                                                 \
    do {                                                                                              \
        ++checks;                                                                                     \
        bool raised = false;                                                                          \
        try {                                                                                         \
            (void)(expr);                                                                             \
        } catch (const pyrite::Error& e) {                                                            \
            raised = e.kind == pyrite::Exc::exc && message_is(e.message(), text);                          \
            if (!raised) std::printf("%s:%d: %s raised '%s'\n", __FILE__, __LINE__, #expr, e.message()); \
        }                                                                                             \
        if (!raised) {                                                                                \
            ++failures;                                                                               \
            std::printf("%s:%d: expected %s from %s\n", __FILE__, __LINE__, #exc, #expr);             \
        }                                                                                             \
    } while (0)

inline int summary(const char* name) {
    std::printf("%s: %d checks, %d failed\n", name, checks, failures);
    return failures ? 1 : 0;
}
