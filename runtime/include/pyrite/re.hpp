// re: Python's regular expressions, run by CPython's own re module (its engine, its pattern cache,
// its errors: an invalid pattern raises re.error as in CPython), called with the GIL taken and the
// texts converted. Pure calls: they leave nothing Python could see, so a call that later leaves
// 64 bits can still run again in CPython (pycall.hpp's WithGil(Pure): no python_sees_effect).
// What CPython returns that the declared type cannot hold (a None for a group that did not take
// part in a match, findall's tuples of a pattern with several groups) raises a TypeError saying so.
#pragma once
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "boundary.hpp"
#include "dict.hpp"
#include "list.hpp"
#include "pycall.hpp"

namespace pyrite::re {

// re.NAME (a new reference; the GIL held): the module imported once
PYRITE_RT PyObject* function(const char* name) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static PyObject* module = nullptr;
    if (!module && !(module = PyImport_ImportModule("re"))) raise_python_error();
    PyObject* f = PyObject_GetAttrString(module, name);
    if (!f) raise_python_error();
    return f;
}
#endif

// A compiled pattern, re.compile's result: CPython's re.Pattern object itself, held (the GIL taken
// to count its references), and what compiled code reads of it without the GIL: its text, flags,
// number of groups and named groups (groupindex, in their order)
struct PatternInfo {
    Str pattern;
    i64 flags = 0;
    i64 groups = 0;
    Vec<std::pair<Str, i64>> names;
};

struct Pattern {
    PyObject* obj = nullptr;  // a strong reference
    std::shared_ptr<const PatternInfo> info;
    Pattern() = default;
    Pattern(PyObject* o, std::shared_ptr<const PatternInfo> i) : obj(o), info(std::move(i)) {}  // takes o
    Pattern(const Pattern& o) : obj(o.obj), info(o.info) {
        if (obj) {
            WithGil gil{WithGil::Pure{}};
            Py_INCREF(obj);
        }
    }
    Pattern(Pattern&& o) noexcept : obj(o.obj), info(std::move(o.info)) { o.obj = nullptr; }
    Pattern& operator=(Pattern o) noexcept {
        std::swap(obj, o.obj);
        std::swap(info, o.info);
        return *this;
    }
    ~Pattern() {
        if (obj) {
            WithGil gil{WithGil::Pure{}};
            Py_DECREF(obj);
        }
    }
};

// a Python int attribute of o (the GIL held)
PYRITE_RT i64 int_attr(PyObject* o, const char* name) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyOwned v(PyObject_GetAttrString(o, name));
    if (!v.o) raise_python_error();
    if (v.o == Py_None) return -1;
    i64 r = PyLong_AsLongLong(v.o);
    if (r == -1 && PyErr_Occurred()) raise_python_error();
    return r;
}
#endif

// a str CPython gave (the GIL held), or the TypeError naming what gave it
PYRITE_RT Str str_of(PyObject* o, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!PyUnicode_Check(o))
        raisef(Exc::TypeError, "%s is a %s: compiled code's regular expressions are str patterns", what, Py_TYPE(o)->tp_name);
    Str s;
    capi::Where w{.func = what, .param = "result"};
    if (!capi::from_py(o, &s, w)) raise_python_error();
    return s;
}
#endif

// the Pattern holding o, a re.Pattern (a new reference, taken; the GIL held)
PYRITE_RT Pattern pattern_of(PyObject* o) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Pattern p(o, nullptr);
    auto info = std::make_shared<PatternInfo>();
    PyOwned text(PyObject_GetAttrString(o, "pattern")), names(PyObject_GetAttrString(o, "groupindex"));
    if (!text.o || !names.o) raise_python_error();
    info->pattern = str_of(text.o, "re.Pattern.pattern");
    info->flags = int_attr(o, "flags");
    info->groups = int_attr(o, "groups");
    PyOwned items(PyMapping_Items(names.o));
    if (!items.o) raise_python_error();
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.o); ++i) {
        PyObject* kv = PyList_GET_ITEM(items.o, i);
        i64 g = PyLong_AsLongLong(PyTuple_GET_ITEM(kv, 1));
        if (g == -1 && PyErr_Occurred()) raise_python_error();
        info->names.emplace_back(str_of(PyTuple_GET_ITEM(kv, 0), "a group's name"), g);
    }
    p.info = std::move(info);
    return p;
}
#endif

// re.compile(pattern, flags) under the GIL, kept for the next calls: a call of re.split(p, s) is
// re.compile(p).split(s), without re's own cache lookup and the pattern's conversion each time;
// re.error where the pattern is invalid, as CPython raises it
PYRITE_RT Pattern compiled(const Str& pattern, i64 flags) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    struct Entry {
        Str pattern;
        i64 flags;
        Pattern compiled;
    };
    // the GIL guards it; the last patterns used, most recent last. Never destroyed: its patterns'
    // references would be released after Python has finalized
    static auto* cache = new Vec<Entry>();
    for (size_t i = cache->size(); i-- > 0;)
        if ((*cache)[i].flags == flags && (*cache)[i].pattern == pattern) return (*cache)[i].compiled;
    PyOwned compile(function("compile")), text(capi::to_py(pattern)), f(PyLong_FromLongLong(flags));
    PyObject* c = text.o && f.o ? PyObject_CallFunctionObjArgs(compile.o, text.o, f.o, nullptr) : nullptr;
    if (!c) raise_python_error();
    Pattern p = pattern_of(c);
    if (cache->size() >= 32) cache->erase(cache->begin());
    cache->push_back(Entry{pattern, flags, p});
    return p;
}
#endif

// p.METHOD(*args) under the GIL: its result (a new reference), or the Python exception raised as
// compiled code's. The args are new references, stolen. Called as CPython's bytecode calls a
// method (vectorcall, the name interned): no bound method or argument tuple is made.
PYRITE_RT PyObject* call(const Pattern& p, const char* method, std::initializer_list<PyObject*> args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static auto* names = new Vec<std::pair<const char*, PyObject*>>();  // the GIL guards it
    PyObject* name = nullptr;
    for (const auto& [m, n] : *names)
        if (std::strcmp(m, method) == 0) name = n;
    if (!name && (name = PyUnicode_InternFromString(method))) names->emplace_back(method, name);
    PyObject* stack[6] = {p.obj};
    size_t n = 1;
    bool missing = !name;
    for (PyObject* a : args) {
        missing = missing || !a;
        if (n < 6) stack[n++] = a;
    }
    PyObject* r = missing ? nullptr : PyObject_VectorcallMethod(name, stack, n | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
    for (PyObject* a : args) Py_XDECREF(a);
    if (!r) raise_python_error();
    return r;
}
#endif

// re.NAME(pattern, ..., flags): compiled(pattern, flags).METHOD(*args)
inline PyObject* call(const Str& pattern, i64 flags, const char* method, std::initializer_list<PyObject*> args) {
    Pattern p;
    try {
        p = compiled(pattern, flags);
    } catch (...) {
        for (PyObject* a : args) Py_XDECREF(a);
        throw;
    }
    return call(p, method, args);
}

// A match (re.Match): CPython's match object, held, and what compiled code reads of it without
// the GIL: the string searched, the pattern and each group's span (-1, -1 for a group that did
// not take part); pos, endpos and lastindex are read from the object when asked for
struct MatchState {
    PyObject* obj = nullptr;  // a strong reference
    Str string;
    Pattern re;
    Vec<i64> spans;  // group g's start at 2g, its end at 2g + 1
    MatchState() = default;
    MatchState(const MatchState&) = delete;
    MatchState& operator=(const MatchState&) = delete;
    ~MatchState() {
        if (obj) {
            WithGil gil{WithGil::Pure{}};
            Py_DECREF(obj);
        }
    }
};

struct Match {
    std::shared_ptr<const MatchState> s;
};

// the Match of m, a re.Match or None (a new reference, taken; the GIL held): string is the text
// searched, p the pattern, when the caller has them
PYRITE_RT std::optional<Match> match_of(PyObject* m, const Str* string, const Pattern* p) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (m == Py_None) {
        Py_DECREF(m);
        return std::nullopt;
    }
    auto st = std::make_shared<MatchState>();
    st->obj = m;
    if (string) {
        st->string = *string;
    } else {
        PyOwned text(PyObject_GetAttrString(m, "string"));
        if (!text.o) raise_python_error();
        st->string = str_of(text.o, "re.Match.string");
    }
    if (p) {
        st->re = *p;
    } else {
        PyObject* re = PyObject_GetAttrString(m, "re");
        if (!re) raise_python_error();
        st->re = pattern_of(re);
    }
    PyOwned regs(PyObject_GetAttrString(m, "regs"));
    if (!regs.o || !PyTuple_Check(regs.o)) raise_python_error();
    for (Py_ssize_t g = 0; g < PyTuple_GET_SIZE(regs.o); ++g) {
        PyObject* span = PyTuple_GET_ITEM(regs.o, g);
        for (Py_ssize_t k = 0; k < 2; ++k) st->spans.push_back(PyLong_AsLongLong(PyTuple_GET_ITEM(span, k)));
    }
    if (PyErr_Occurred()) raise_python_error();
    return Match{std::move(st)};
}
#endif

// each match of p.finditer(...)'s iterator it (a new reference, taken)
PYRITE_RT List<Match> matches_of(PyObject* it, const Str& string, const Pattern& p) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyOwned iter(it);
    List<Match> out = List<Match>::make();
    while (PyObject* m = PyIter_Next(it)) out.append(*match_of(m, &string, &p));
    if (PyErr_Occurred()) raise_python_error();
    return out;
}
#endif

// a str CPython returned, as pyrite's; a None where a group did not match: the TypeError
PYRITE_RT Str text_of(PyObject* o, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (PyUnicode_Check(o)) {
        Str s;
        capi::Where w{.func = what, .param = "result"};
        if (!capi::from_py(o, &s, w)) raise_python_error();
        return s;
    }
    raisef(Exc::TypeError, "%s gave a %s where compiled code holds a str (a group that did not take part in the "
                           "match gives None; a pattern with several groups gives tuples)", what, Py_TYPE(o)->tp_name);
}
#endif

PYRITE_RT List<Str> texts_of(PyObject* list, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyOwned owned(list);
    List<Str> out = List<Str>::make();
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) out.append(text_of(PyList_GET_ITEM(list, i), what));
    return out;
}
#endif


PYRITE_BUILTIN("re.split")
PYRITE_RT List<Str> split(const Str& pattern, const Str& string, i64 maxsplit = 0, i64 flags = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(pattern, flags, "split", {capi::to_py(string), PyLong_FromLongLong(maxsplit)}), "re.split()");
}
#endif

PYRITE_BUILTIN("re.findall")
PYRITE_RT List<Str> findall(const Str& pattern, const Str& string, i64 flags = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(pattern, flags, "findall", {capi::to_py(string)}), "re.findall()");
}
#endif

PYRITE_BUILTIN("re.sub")
PYRITE_RT Str sub(const Str& pattern, const Str& repl, const Str& string, i64 count = 0, i64 flags = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    PyOwned r(call(pattern, flags, "sub", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)}));
    return text_of(r.o, "re.sub()");
}
#endif

PYRITE_BUILTIN("re.escape")
PYRITE_RT Str escape(const Str& pattern) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    PyOwned escape(function("escape")), text(capi::to_py(pattern));
    PyOwned r(text.o ? PyObject_CallOneArg(escape.o, text.o) : nullptr);
    if (!r.o) raise_python_error();
    return text_of(r.o, "re.escape()");
}
#endif


// re.compile(pattern, flags): the pattern compiled once (a later compile of the same text and flags
// is the same object, as re's cache makes it)
PYRITE_BUILTIN("re.compile")
inline Pattern compile(const Str& pattern, i64 flags = 0) {
    WithGil gil{WithGil::Pure{}};
    return compiled(pattern, flags);
}

PYRITE_BUILTIN("re.compile")
inline Pattern compile(const Pattern& pattern, i64 flags = 0) {  // re.compile(p) of a compiled p: p itself
    if (flags) raisef(Exc::ValueError, "cannot process flags argument with a compiled pattern");
    return pattern;
}

constexpr i64 kEnd = 9223372036854775807;  // sys.maxsize: the end of any string

// p.METHOD(string, pos, endpos) of search, match and fullmatch: the match or None
PYRITE_RT std::optional<Match> find(const Pattern& p, const char* method, const Str& string, i64 pos, i64 endpos) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    if (pos == 0 && endpos == kEnd) return match_of(call(p, method, {capi::to_py(string)}), &string, &p);
    return match_of(call(p, method, {capi::to_py(string), PyLong_FromLongLong(pos), PyLong_FromLongLong(endpos)}),
                    &string, &p);
}
#endif

PYRITE_BUILTIN("re.Pattern.search")
inline std::optional<Match> search(const Pattern& self, const Str& string, i64 pos = 0, i64 endpos = 9223372036854775807) {
    return find(self, "search", string, pos, endpos);
}
PYRITE_BUILTIN("re.Pattern.match")
inline std::optional<Match> match(const Pattern& self, const Str& string, i64 pos = 0, i64 endpos = 9223372036854775807) {
    return find(self, "match", string, pos, endpos);
}
PYRITE_BUILTIN("re.Pattern.fullmatch")
inline std::optional<Match> fullmatch(const Pattern& self, const Str& string, i64 pos = 0, i64 endpos = 9223372036854775807) {
    return find(self, "fullmatch", string, pos, endpos);
}
PYRITE_BUILTIN("re.search")
inline std::optional<Match> search(const Str& pattern, const Str& string, i64 flags = 0) {
    return find(compile(pattern, flags), "search", string, 0, kEnd);
}
PYRITE_BUILTIN("re.match")
inline std::optional<Match> match(const Str& pattern, const Str& string, i64 flags = 0) {
    return find(compile(pattern, flags), "match", string, 0, kEnd);
}
PYRITE_BUILTIN("re.fullmatch")
inline std::optional<Match> fullmatch(const Str& pattern, const Str& string, i64 flags = 0) {
    return find(compile(pattern, flags), "fullmatch", string, 0, kEnd);
}

// finditer: its matches, read when it is called (a for loop over them sees the same matches)
PYRITE_BUILTIN("re.Pattern.finditer")
PYRITE_RT List<Match> finditer(const Pattern& self, const Str& string, i64 pos = 0, i64 endpos = 9223372036854775807) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return matches_of(call(self, "finditer", {capi::to_py(string), PyLong_FromLongLong(pos), PyLong_FromLongLong(endpos)}),
                      string, self);
}
#endif
PYRITE_BUILTIN("re.finditer")
PYRITE_RT List<Match> finditer(const Str& pattern, const Str& string, i64 flags = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return finditer(compile(pattern, flags), string);
}
#endif

PYRITE_BUILTIN("re.Pattern.findall")
PYRITE_RT List<Str> findall(const Pattern& self, const Str& string, i64 pos = 0, i64 endpos = 9223372036854775807) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(self, "findall", {capi::to_py(string), PyLong_FromLongLong(pos), PyLong_FromLongLong(endpos)}),
                    "re.Pattern.findall()");
}
#endif
PYRITE_BUILTIN("re.Pattern.split")
PYRITE_RT List<Str> split(const Pattern& self, const Str& string, i64 maxsplit = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(self, "split", {capi::to_py(string), PyLong_FromLongLong(maxsplit)}), "re.Pattern.split()");
}
#endif
PYRITE_BUILTIN("re.Pattern.sub")
PYRITE_RT Str sub(const Pattern& self, const Str& repl, const Str& string, i64 count = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    PyOwned r(call(self, "sub", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)}));
    return text_of(r.o, "re.Pattern.sub()");
}
#endif

// subn: the new string and the number of substitutions made
PYRITE_RT std::tuple<Str, i64> subn_of(PyObject* r, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyOwned owned(r);
    if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) != 2) raise_python_error();
    Str text = text_of(PyTuple_GET_ITEM(r, 0), what);
    i64 n = PyLong_AsLongLong(PyTuple_GET_ITEM(r, 1));
    if (n == -1 && PyErr_Occurred()) raise_python_error();
    return {text, n};
}
#endif
PYRITE_BUILTIN("re.Pattern.subn")
PYRITE_RT std::tuple<Str, i64> subn(const Pattern& self, const Str& repl, const Str& string, i64 count = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return subn_of(call(self, "subn", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)}), "re.Pattern.subn()");
}
#endif
PYRITE_BUILTIN("re.subn")
PYRITE_RT std::tuple<Str, i64> subn(const Str& pattern, const Str& repl, const Str& string, i64 count = 0, i64 flags = 0) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    return subn_of(call(pattern, flags, "subn", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)}), "re.subn()");
}
#endif

// a Pattern's attributes ("re.Pattern:NAME": read as p.NAME, not called)
PYRITE_BUILTIN("re.Pattern:pattern") inline Str pattern_text(const Pattern& self) { return self.info->pattern; }
PYRITE_BUILTIN("re.Pattern:flags") inline i64 pattern_flags(const Pattern& self) { return self.info->flags; }
PYRITE_BUILTIN("re.Pattern:groups") inline i64 pattern_groups(const Pattern& self) { return self.info->groups; }
PYRITE_BUILTIN("re.Pattern:groupindex") inline Dict<Str, i64> groupindex(const Pattern& self) {
    Dict<Str, i64> d = Dict<Str, i64>::make();
    for (const auto& [name, g] : self.info->names) d.set(name, g);
    return d;
}

// A match's groups. Group g by number (0: the whole match) or by name; IndexError("no such group")
// as CPython raises it. A group that did not take part in the match is None in CPython, which a
// str cannot hold: group() raises a TypeError saying so (groups(default) and groupdict(default)
// give the default instead, as CPython does)
PYRITE_RT i64 group_index(const Match& m, i64 g) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (g < 0 || 2 * g + 1 >= static_cast<i64>(m.s->spans.size())) raisef(Exc::IndexError, "no such group");
    return g;
}
#endif
PYRITE_RT i64 group_index(const Match& m, const Str& name) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    for (const auto& [n, g] : m.s->re.info->names)
        if (n == name) return g;
    raisef(Exc::IndexError, "no such group");
}
#endif

PYRITE_RT Str group_text(const Match& m, i64 g) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    i64 a = m.s->spans[2 * g], b = m.s->spans[2 * g + 1];
    if (a < 0)
        raisef(Exc::TypeError, "group %lld did not take part in the match: CPython's group() gives None there, which "
                               "compiled code's str cannot hold (test m.start(%lld) != -1 first, or use groups(default))",
               static_cast<long long>(g), static_cast<long long>(g));
    return m.s->string.slice(true, a, true, b, false, 1);
}
#endif

PYRITE_BUILTIN("re.Match.group") inline Str group(const Match& self) { return group_text(self, 0); }
PYRITE_BUILTIN("re.Match.group") inline Str group(const Match& self, i64 g) { return group_text(self, group_index(self, g)); }
PYRITE_BUILTIN("re.Match.group") inline Str group(const Match& self, const Str& g) { return group_text(self, group_index(self, g)); }
PYRITE_BUILTIN("re.Match.group") inline std::tuple<Str, Str> group(const Match& self, i64 a, i64 b) {
    return {group(self, a), group(self, b)};
}
PYRITE_BUILTIN("re.Match.group") inline std::tuple<Str, Str> group(const Match& self, const Str& a, const Str& b) {
    return {group(self, a), group(self, b)};
}
PYRITE_BUILTIN("re.Match.group") inline std::tuple<Str, Str, Str> group(const Match& self, i64 a, i64 b, i64 c) {
    return {group(self, a), group(self, b), group(self, c)};
}
PYRITE_BUILTIN("re.Match.__getitem__") inline Str getitem(const Match& self, i64 g) { return group(self, g); }
PYRITE_BUILTIN("re.Match.__getitem__") inline Str getitem(const Match& self, const Str& g) { return group(self, g); }

PYRITE_RT Tuple<Str> groups_of(const Match& m, const Str* fallback) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<Str> out = List<Str>::make();
    for (i64 g = 1; 2 * g < static_cast<i64>(m.s->spans.size()); ++g)
        out.append(fallback && m.s->spans[2 * g] < 0 ? *fallback : group_text(m, g));
    return Tuple<Str>(out);
}
#endif
PYRITE_BUILTIN("re.Match.groups") inline Tuple<Str> groups(const Match& self) { return groups_of(self, nullptr); }
PYRITE_BUILTIN("re.Match.groups") inline Tuple<Str> groups(const Match& self, const Str& default_) { return groups_of(self, &default_); }

PYRITE_RT Dict<Str, Str> groupdict_of(const Match& m, const Str* fallback) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Dict<Str, Str> d = Dict<Str, Str>::make();
    for (const auto& [name, g] : m.s->re.info->names) d.set(name, fallback && m.s->spans[2 * g] < 0 ? *fallback : group_text(m, g));
    return d;
}
#endif
PYRITE_BUILTIN("re.Match.groupdict") inline Dict<Str, Str> groupdict(const Match& self) { return groupdict_of(self, nullptr); }
PYRITE_BUILTIN("re.Match.groupdict") inline Dict<Str, Str> groupdict(const Match& self, const Str& default_) {
    return groupdict_of(self, &default_);
}

// start(g), end(g), span(g): -1 where the group did not take part, as in CPython
PYRITE_BUILTIN("re.Match.start") inline i64 start(const Match& self, i64 g = 0) { return self.s->spans[2 * group_index(self, g)]; }
PYRITE_BUILTIN("re.Match.start") inline i64 start(const Match& self, const Str& g) { return self.s->spans[2 * group_index(self, g)]; }
PYRITE_BUILTIN("re.Match.end") inline i64 end(const Match& self, i64 g = 0) { return self.s->spans[2 * group_index(self, g) + 1]; }
PYRITE_BUILTIN("re.Match.end") inline i64 end(const Match& self, const Str& g) { return self.s->spans[2 * group_index(self, g) + 1]; }
PYRITE_BUILTIN("re.Match.span") inline std::tuple<i64, i64> span(const Match& self, i64 g = 0) { return {start(self, g), end(self, g)}; }
PYRITE_BUILTIN("re.Match.span") inline std::tuple<i64, i64> span(const Match& self, const Str& g) { return {start(self, g), end(self, g)}; }

// a Match's attributes ("re.Match:NAME")
PYRITE_BUILTIN("re.Match:string") inline Str match_string(const Match& self) { return self.s->string; }
PYRITE_BUILTIN("re.Match:re") inline Pattern match_re(const Match& self) { return self.s->re; }
inline i64 match_attr(const Match& self, const char* name) {  // -1 for None
    WithGil gil{WithGil::Pure{}};
    return int_attr(self.s->obj, name);
}
PYRITE_BUILTIN("re.Match:pos") inline i64 match_pos(const Match& self) { return match_attr(self, "pos"); }
PYRITE_BUILTIN("re.Match:endpos") inline i64 match_endpos(const Match& self) { return match_attr(self, "endpos"); }
PYRITE_BUILTIN("re.Match:lastindex") inline std::optional<i64> lastindex(const Match& self) {
    i64 last = match_attr(self, "lastindex");
    if (last < 0) return std::nullopt;
    return last;
}
PYRITE_BUILTIN("re.Match:lastgroup") inline std::optional<Str> lastgroup(const Match& self) {
    i64 last = match_attr(self, "lastindex");
    for (const auto& [name, g] : self.s->re.info->names)
        if (g == last) return name;
    return std::nullopt;
}

// repr(m): <re.Match object; span=(0, 3), match='abc'>, the match's repr cut at 50 characters
PYRITE_RT void match_repr_to(std::string& out, const Match& m) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string text;
    repr_to(text, m.s->string.slice(true, m.s->spans[0], true, m.s->spans[1], false, 1));
    size_t cut = 0;
    for (int chars = 0; cut < text.size() && chars < 50; ++chars)  // 50 code points of UTF-8
        for (++cut; cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80;) ++cut;
    out += "<re.Match object; span=(" + std::to_string(m.s->spans[0]) + ", " + std::to_string(m.s->spans[1]) +
           "), match=" + text.substr(0, cut) + ">";
}
#endif

}  // namespace pyrite::re

namespace pyrite::re {  // found by argument-dependent lookup from the runtime's templates
inline bool truthy(const Match&) { return true; }  // `if m:` of a match: true, as any object
inline bool truthy(const Pattern&) { return true; }
// p == q: CPython's (the same pattern text, flags and code); matches are equal only to themselves
inline bool operator==(const Pattern& a, const Pattern& b) {
    if (a.obj == b.obj) return true;
    WithGil gil{WithGil::Pure{}};
    int r = PyObject_RichCompareBool(a.obj, b.obj, Py_EQ);
    if (r < 0) raise_python_error();
    return r == 1;
}
inline bool operator==(const Match& a, const Match& b) { return a.s == b.s; }
inline void repr_to(std::string& out, const Match& m) { match_repr_to(out, m); }
// repr(p): re.compile('a+', re.IGNORECASE), CPython's
inline void repr_to(std::string& out, const Pattern& p) {
    WithGil gil{WithGil::Pure{}};
    PyOwned r(PyObject_Repr(p.obj));
    const char* c = r.o ? PyUnicode_AsUTF8(r.o) : nullptr;
    if (!c) raise_python_error();
    out += c;
}
}  // namespace pyrite::re

namespace pyrite {  // and by pyrite::repr_to(...), pyrite::truthy(...)
using re::repr_to;
using re::truthy;
}  // namespace pyrite

namespace pyrite::capi {
// a re.Pattern or re.Match crossing the boundary: the object itself, either way; o must be of re's
// class `name` (type: its slot) and of a str pattern, which read(o) (a new reference) reads
template <class T, class Read>
bool re_from_py(PyObject* o, T* out, const Where& w, PyObject*& type, const char* name, Read read) {
    PyObject* t = module_attr(type, "re", name);
    if (!t) return false;
    std::string expected = std::string("re.") + name;
    if (Py_TYPE(o) != reinterpret_cast<PyTypeObject*>(t)) return wrong_type(w, expected.c_str(), o);
    try {
        *out = read(Py_NewRef(o));
    } catch (const Error&) {
        return wrong_type(w, ("a " + expected + " of a str").c_str(), o);
    }
    return true;
}
inline bool from_py(PyObject* o, re::Pattern* out, const Where& w) {
    static PyObject* type = nullptr;
    return re_from_py(o, out, w, type, "Pattern", [](PyObject* p) { return re::pattern_of(p); });
}
inline bool from_py(PyObject* o, re::Match* out, const Where& w) {
    static PyObject* type = nullptr;
    return re_from_py(o, out, w, type, "Match", [](PyObject* m) { return *re::match_of(m, nullptr, nullptr); });
}
inline PyObject* to_py(const re::Pattern& p) { return Py_NewRef(p.obj); }
inline PyObject* to_py(const re::Match& m) { return Py_NewRef(m.s->obj); }
template <class B>
PyObject* to_py(const re::Pattern& p, B&) { return to_py(p); }
template <class B>
PyObject* to_py(const re::Match& m, B&) { return to_py(m); }
}  // namespace pyrite::capi
