// pyrite-scan: reads C++ declarations with Clang's libTooling and writes the
// table of Python builtins pyrite compiles.
//
//   pyrite-scan OUT.json INCLUDE_ROOT RESOURCE_DIR [-IDIR...] HEADER...
//
// Every function declared with PYRITE_BUILTIN("name") in the headers becomes a
// record: its Python name, qualified C++ name, header, parameters (name,
// Python type, C++ default) and return type. C++ types map to Python types
// (int64_t -> int, double -> float, std::complex<double> -> complex, bool -> bool, pyrite::none_t -> None,
// pyrite::Str -> str, pyrite::List<T> -> list[T], pyrite::Tuple<T> -> tuple_of[T] (tuple[T, ...]), std::tuple<...> -> tuple[...]); any other type is an error, so a builtin the
// compiler could not type never reaches the table. A last parameter std::initializer_list<T> is
// Python's *args of T ("*float": math.hypot(*coordinates)). A function template's type parameters are type
// variables (template <class T> T choice(const List<T>&) is "choice(seq: list[T]) -> T"), bound
// at each call by typeinfer. A builtin that uses Python's objects under the GIL its caller holds
// (random's shared state) is also marked PYRITE_HOLDS_GIL: "gil": true; one that orders its lists'
// items PYRITE_ORDERS: "orders": true; one of its arguments alone PYRITE_PURE: "pure": true. One marked PYRITE_FALLIBLE(ValueError) has an overload taking
// a leading pyrite::Error& that returns std::optional of its result, empty where it would raise
// (the error made in the Error): "fallible": "ValueError" (codegen's value raise, emit_try.cpp).
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace clang;

namespace {

const char kPrefix[] = "pyrite.builtin:";
const char kGil[] = "pyrite.gil";
const char kOrders[] = "pyrite.orders";
const char kPure[] = "pyrite.pure";
const char kNonnegative[] = "pyrite.nonnegative";
const char kSignChecked[] = "pyrite.sign_checked";
const char kFallible[] = "pyrite.fallible:";

struct Param {
    std::string name, type, default_cxx;
};
struct Record {
    std::string name, cxx, header, ret;
    std::vector<Param> params;
    bool gil = false, orders = false, pure = false, nonnegative = false, sign_checked = false;
    std::string fallible;  // the exception its value-raising overload reports, or ""
    std::string signature;  // of a fallible one: its C++ name and parameter types
};

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
    }
    return out + "\"";
}

struct Scan {
    std::string root;
    std::vector<Record> records;
    std::set<std::string> seen;  // cxx signature, to skip redeclarations
    std::set<std::string> value_raising;  // "cxx(params)" of each overload taking a leading pyrite::Error&
    std::set<std::string> unchecked;      // the qualified names of the functions named *_unchecked
    int errors = 0;
};

std::string python_type(QualType qt, ASTContext& ctx);

// A function template's parameter type that names its template parameters: T is a type
// variable "T" (typeinfer binds it at each call), pyrite::List<T> is "list[T]", std::tuple<T, U>
// "tuple[T, U]". "" where the type is not dependent (python_type reads it canonically).
std::string dependent_type(QualType qt, ASTContext& ctx) {
    QualType u = qt.getNonReferenceType().getUnqualifiedType();
    if (const auto* tp = u->getAs<TemplateTypeParmType>()) {
        const IdentifierInfo* id = tp->getIdentifier();
        return id ? id->getName().str() : "T" + std::to_string(tp->getIndex());
    }
    const auto* ts = u->getAs<TemplateSpecializationType>();
    if (!ts || !ts->isDependentType()) return "";
    const TemplateDecl* td = ts->getTemplateName().getAsTemplateDecl();
    std::string qn = td ? td->getQualifiedNameAsString() : "";
    const char* py = qn == "pyrite::List" ? "list" : qn == "pyrite::Tuple" ? "tuple_of" : qn == "pyrite::Deque" ? "deque" : qn == "pyrite::Counter" ? "Counter"
                     : qn == "pyrite::OrderedDict" ? "OrderedDict" : qn == "pyrite::Dict" ? "dict" : qn == "pyrite::Set" ? "set" : qn == "pyrite::FrozenSet" ? "frozenset"
                     : qn == "std::tuple" ? "tuple" : qn == "std::optional" ? "optional" : nullptr;
    if (!py) return "";
    std::string s = std::string(py) + "[";
    bool first = true;
    for (const TemplateArgument& a : ts->template_arguments()) {
        std::string e = a.getKind() == TemplateArgument::Type ? python_type(a.getAsType(), ctx) : "";
        if (e.empty()) return "";
        s += (first ? "" : ", ") + e;
        first = false;
    }
    size_t want = std::string(py) == "tuple" ? ts->template_arguments().size()
                  : std::string(py) == "OrderedDict" || std::string(py) == "dict" ? 2 : 1;
    return ts->template_arguments().size() != want ? "" : s + "]";
}

// Python spelling of a C++ type, or "" when pyrite has no such type.
std::string python_type(QualType qt, ASTContext& ctx) {
    if (qt->isDependentType()) return dependent_type(qt, ctx);
    QualType t = qt.getNonReferenceType().getCanonicalType().getUnqualifiedType();
    if (t->isBooleanType()) return "bool";
    if (t->isSpecificBuiltinType(BuiltinType::Double)) return "float";
    if (t->isIntegerType() && ctx.getTypeSize(t) == 64 && t->isSignedIntegerType()) return "int";
    if (const auto* rec = t->getAsCXXRecordDecl()) {
        std::string qn = rec->getQualifiedNameAsString();
        if (qn == "pyrite::none_t") return "None";
        if (qn == "pyrite::Str") return "str";
        if (qn == "pyrite::Bytes") return "bytes";
        if (qn == "pyrite::ByteArray") return "bytearray";
        if (qn == "pyrite::random::Rng") return "random.Random";
        if (qn == "pyrite::re::Pattern") return "re.Pattern";
        if (qn == "pyrite::re::Match") return "re.Match";
        if (qn == "pyrite::Range") return "range";
        if (qn == "pyrite::ExcArg") return "object";  // an item of e.args (exceptions.hpp)
        if (qn == "pyrite::Boxed") return "boxed_object";  // a value of any type (boxed.hpp)
        if (qn == "pyrite::Real") return "int_or_float";  // int | float (ops.hpp)
        if (const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(rec)) {
            if (spec->getQualifiedNameAsString() == "std::complex") {
                const TemplateArgument& a = spec->getTemplateArgs()[0];
                bool dbl = a.getKind() == TemplateArgument::Type &&
                           a.getAsType().getCanonicalType()->isSpecificBuiltinType(BuiltinType::Double);
                return dbl ? "complex" : "";
            }
            if (spec->getQualifiedNameAsString() == "std::initializer_list") {  // f(*args): "*float"
                const TemplateArgument& a = spec->getTemplateArgs()[0];
                std::string e = a.getKind() == TemplateArgument::Type ? python_type(a.getAsType(), ctx) : "";
                return e.empty() ? "" : "*" + e;
            }
            if (spec->getQualifiedNameAsString() == "std::optional") {  // T | None, spelled optional[T]
                const TemplateArgument& a = spec->getTemplateArgs()[0];
                std::string e = a.getKind() == TemplateArgument::Type ? python_type(a.getAsType(), ctx) : "";
                return e.empty() ? "" : "optional[" + e + "]";
            }
            if (spec->getQualifiedNameAsString() == "pyrite::List" || spec->getQualifiedNameAsString() == "pyrite::Deque" ||
                spec->getQualifiedNameAsString() == "pyrite::Counter" || spec->getQualifiedNameAsString() == "pyrite::Tuple") {
                const TemplateArgument& a = spec->getTemplateArgs()[0];
                std::string e = a.getKind() == TemplateArgument::Type ? python_type(a.getAsType(), ctx) : "";
                const std::string qn2 = spec->getQualifiedNameAsString();
                const char* py = qn2 == "pyrite::List" ? "list[" : qn2 == "pyrite::Deque" ? "deque[" : qn2 == "pyrite::Tuple" ? "tuple_of[" : "Counter[";
                return e.empty() ? "" : py + e + "]";
            }
            const std::string qn3 = spec->getQualifiedNameAsString();
            if (qn3 == "std::tuple" || qn3 == "pyrite::OrderedDict" || qn3 == "pyrite::Dict") {
                std::string s = qn3 == "std::tuple" ? "tuple[" : qn3 == "pyrite::Dict" ? "dict[" : "OrderedDict[";
                bool first = true;
                for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
                    auto add = [&](const TemplateArgument& a) {
                        std::string e = a.getKind() == TemplateArgument::Type ? python_type(a.getAsType(), ctx) : "";
                        if (e.empty()) return false;
                        s += (first ? "" : ", ") + e;
                        first = false;
                        return true;
                    };
                    if (arg.getKind() == TemplateArgument::Pack) {
                        for (const TemplateArgument& a : arg.pack_elements())
                            if (!add(a)) return "";
                    } else if (!add(arg)) {
                        return "";
                    }
                }
                return s + "]";
            }
        }
    }
    return "";
}

class Visitor : public RecursiveASTVisitor<Visitor> {
public:
    Visitor(ASTContext& ctx, Scan& scan) : ctx_(ctx), scan_(scan) {}

    bool VisitFunctionDecl(FunctionDecl* fd) {
        bool gil = false, orders = false, pure = false, nonnegative = false, sign_checked = false;
        std::string fallible;
        for (const AnnotateAttr* attr : fd->specific_attrs<AnnotateAttr>()) {
            gil = gil || attr->getAnnotation() == kGil;
            orders = orders || attr->getAnnotation() == kOrders;
            pure = pure || attr->getAnnotation() == kPure;
            nonnegative = nonnegative || attr->getAnnotation() == kNonnegative;
            sign_checked = sign_checked || attr->getAnnotation() == kSignChecked;
            if (attr->getAnnotation().startswith(kFallible))
                fallible = attr->getAnnotation().drop_front(sizeof(kFallible) - 1).str();
        }
        if (llvm::StringRef(fd->getNameAsString()).endswith("_unchecked")) scan_.unchecked.insert(fd->getQualifiedNameAsString());
        if (fd->getNumParams() > 0 && fd->getParamDecl(0)->getType()->isLValueReferenceType()) {
            const CXXRecordDecl* rec = fd->getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
            if (rec && rec->getQualifiedNameAsString() == "pyrite::Error") scan_.value_raising.insert(signature(fd, 1));
        }
        for (const AnnotateAttr* attr : fd->specific_attrs<AnnotateAttr>()) {
            llvm::StringRef a = attr->getAnnotation();
            if (!a.startswith(kPrefix)) continue;
            Record r;
            r.gil = gil;
            r.orders = orders;
            r.pure = pure;
            r.nonnegative = nonnegative;
            r.sign_checked = sign_checked;
            r.fallible = fallible;
            record(fd, a.drop_front(sizeof(kPrefix) - 1).str(), r);
        }
        return true;
    }

    // "cxx(T1,T2)": its qualified name and the C++ types of its parameters from `first`
    static std::string signature(const FunctionDecl* fd, unsigned first) {
        std::string s = fd->getQualifiedNameAsString() + "(";
        for (unsigned i = first; i < fd->getNumParams(); ++i)
            s += fd->getParamDecl(i)->getType().getCanonicalType().getAsString() + ",";
        return s + ")";
    }

private:
    void fail(FunctionDecl* fd, const std::string& msg) {
        const SourceManager& sm = ctx_.getSourceManager();
        std::fprintf(stderr, "%s: error: %s\n", fd->getLocation().printToString(sm).c_str(), msg.c_str());
        ++scan_.errors;
    }

    // r: its annotations' flags (PYRITE_HOLDS_GIL, ...), the rest filled here
    void record(FunctionDecl* fd, const std::string& pyname, Record r) {
        const SourceManager& sm = ctx_.getSourceManager();
        r.name = pyname;
        if (!r.fallible.empty()) r.signature = signature(fd, 0);
        r.cxx = fd->getQualifiedNameAsString();
        // "pyrite/builtins/../dict.hpp" (reached through a header's "../dict.hpp") as
        // "pyrite/dict.hpp": the include a module writes, and toolchain.py's precompiled preludes match
        llvm::SmallString<256> path(sm.getFilename(sm.getSpellingLoc(fd->getLocation())));
        llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
        std::string file = path.str().str();
        if (file.compare(0, scan_.root.size(), scan_.root) != 0) return fail(fd, "builtin declared outside " + scan_.root);
        r.header = file.substr(scan_.root.size());
        while (!r.header.empty() && r.header[0] == '/') r.header.erase(0, 1);
        r.ret = python_type(fd->getReturnType(), ctx_);
        if (r.ret.empty()) return fail(fd, "return type '" + fd->getReturnType().getAsString() + "' has no Python type");
        std::string key = r.name + " " + r.cxx + "(";
        for (const ParmVarDecl* p : fd->parameters()) {
            Param param;
            param.name = p->getNameAsString();
            param.type = python_type(p->getType(), ctx_);
            if (param.type.empty())
                return fail(fd, "parameter '" + param.name + "' of type '" + p->getType().getAsString() +
                                    "' has no Python type");
            if (p->hasDefaultArg()) {
                param.default_cxx = Lexer::getSourceText(CharSourceRange::getTokenRange(p->getDefaultArgRange()), sm,
                                                         ctx_.getLangOpts())
                                        .str();
            }
            key += param.type + ",";
            r.params.push_back(param);
        }
        if (!scan_.seen.insert(key + ")").second) return;
        scan_.records.push_back(r);
    }

    ASTContext& ctx_;
    Scan& scan_;
};

class Consumer : public ASTConsumer {
public:
    explicit Consumer(Scan& scan) : scan_(scan) {}
    void HandleTranslationUnit(ASTContext& ctx) override { Visitor(ctx, scan_).TraverseDecl(ctx.getTranslationUnitDecl()); }

private:
    Scan& scan_;
};

class Action : public ASTFrontendAction {
public:
    explicit Action(Scan& scan) : scan_(scan) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance&, llvm::StringRef) override {
        return std::make_unique<Consumer>(scan_);
    }

private:
    Scan& scan_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: pyrite-scan OUT.json INCLUDE_ROOT RESOURCE_DIR [-IDIR...] HEADER...\n");
        return 2;
    }
    Scan scan;
    scan.root = argv[2];
    std::string code;
    std::vector<std::string> args = {"-std=c++20", "-I" + scan.root, "-resource-dir", argv[3], "-fsyntax-only",
                                     "-Wno-everything"};
    for (int i = 4; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("-I", 0) == 0) args.push_back(a);  // Python.h's directory
        else code += "#include \"" + a + "\"\n";
    }
    if (args.size() > 6) code = "#include <Python.h>\n" + code;  // first, as the generated modules include it
    if (!tooling::runToolOnCodeWithArgs(std::make_unique<Action>(scan), code, args, "pyrite-builtins.cpp",
                                        "pyrite-scan")) {
        std::fprintf(stderr, "pyrite-scan: the runtime headers do not compile\n");
        return 1;
    }
    for (const Record& r : scan.records)
        if (!r.fallible.empty() && !scan.value_raising.count(r.signature)) {
            std::fprintf(stderr, "pyrite-scan: %s is PYRITE_FALLIBLE but has no overload taking a leading pyrite::Error&\n",
                         r.signature.c_str());
            ++scan.errors;
        }
    for (const Record& r : scan.records)
        if (r.sign_checked && !scan.unchecked.count(r.cxx + "_unchecked")) {
            std::fprintf(stderr, "pyrite-scan: %s is PYRITE_SIGN_CHECKED but there is no %s_unchecked\n", r.cxx.c_str(),
                         r.cxx.c_str());
            ++scan.errors;
        }
    if (scan.errors) return 1;
    std::string out = "[\n";
    for (size_t i = 0; i < scan.records.size(); ++i) {
        const Record& r = scan.records[i];
        out += "  {\"name\": " + json_string(r.name) + ", \"cxx\": " + json_string(r.cxx) +
               ", \"header\": " + json_string(r.header) + ", \"ret\": " + json_string(r.ret) + ", \"gil\": " + (r.gil ? "true" : "false") +
               ", \"orders\": " + (r.orders ? "true" : "false") + (r.pure ? ", \"pure\": true" : "") +
               (r.nonnegative ? ", \"nonnegative\": true" : "") + (r.sign_checked ? ", \"sign_checked\": true" : "") +
               (r.fallible.empty() ? "" : ", \"fallible\": " + json_string(r.fallible)) + ", \"params\": [";
        for (size_t j = 0; j < r.params.size(); ++j) {
            const Param& p = r.params[j];
            out += std::string(j ? ", " : "") + "{\"name\": " + json_string(p.name) + ", \"type\": " +
                   json_string(p.type) + ", \"default\": " +
                   (p.default_cxx.empty() ? std::string("null") : json_string(p.default_cxx)) + "}";
        }
        out += std::string("]}") + (i + 1 < scan.records.size() ? "," : "") + "\n";
    }
    out += "]\n";
    std::ofstream f(argv[1]);
    f << out;
    if (!f) {
        std::fprintf(stderr, "pyrite-scan: cannot write %s\n", argv[1]);
        return 1;
    }
    std::fprintf(stderr, "pyrite-scan: %zu builtins -> %s\n", scan.records.size(), argv[1]);
    return 0;
}
