// codegen: the program's classes. Each becomes a struct deriving from pyrite::Instance
// (runtime/include/pyrite/instance.hpp) with one member per field, at a fixed offset:
//
//   struct c0_Body final : pyrite::Instance {
//       double m_x = 0.0;                       // a field, initialized with its default
//       ...
//       static bool load(...), store(...);      // crossing the boundary (boundary.hpp)
//   };
//
// Reading obj.x is obj->m_x (a field that may be unset: obj->get_m_x(), which raises
// AttributeError); obj.x = v is obj->set_m_x(v), which also marks the field for write-back.
// Body(a, b) allocates and runs the __init__ function on the new instance; methods are
// functions taking the instance first (emit.cpp prints them like any other).
#include <functional>

#include "emitter.hpp"

namespace pyrite::codegen {

namespace {
std::string bit(size_t i) { return "(std::uint64_t(1) << " + std::to_string(i < 63 ? i : 63) + ")"; }
// every class's struct: the class as compiled, which each call checks unchanged (boundary.hpp), but
// for its class variables (frontend/lower_class_vars.cpp), which compiled code stores into it
std::string class_check(const ir::Module& m, int k) {
    std::string vars;
    for (const ir::Global& g : m.globals)
        if (g.cls == k) vars += string_literal(g.name) + ", ";
    return "    inline static PyObject* seen = nullptr;  // the class's __dict__ as compiled (a copy)\n"
           "    inline static unsigned int tag = 0;      // its type version then\n"
           "    static constexpr const char* class_vars[] = {" + vars + "nullptr};  // not checked: changed by compiled code\n"
           "    static bool check() { return pyrite::capi::class_unchanged(py_type, seen, tag, qualname, class_vars); }\n";
}
// the rest of the struct of a class whose instances are values (a NamedTuple's tuples, a value
// class's structs): the check, bind, and what prints a `self_type`
std::string value_class_tail(const std::string& check, const std::string& self_type) {
    return check +
           "    static void bind(PyObject* cls) {\n        Py_XSETREF(py_type, Py_NewRef(cls));\n"
           "        pyrite::capi::class_snapshot(cls, seen, tag);\n    }\n"
           "    static void write_repr(std::string& out, const " + self_type + "& self);  // repr(), str()\n"
           "    static void write_str(std::u32string& out, const " + self_type + "& self);\n};\n";
}
}  // namespace

const Type* Emitter::class_type(int cls) const { return m_.classes[cls].type; }

// Can an instance of class k be part of a reference cycle? Only if its fields (through
// containers and other instances' fields) can lead back to an instance of k.
bool Emitter::can_cycle(int k) const {
    for (const ir::Field& fd : m_.classes[k].fields)
        if (m_.leads_to(fd.type, k)) return true;
    return false;
}

int Emitter::root_of(int k) const {
    while (m_.classes[k].base >= 0) k = m_.classes[k].base;
    return k;
}
bool Emitter::hierarchy_can_cycle(int root) const {
    for (size_t j = 0; j < m_.classes.size(); ++j)
        if (root_of(static_cast<int>(j)) == root && can_cycle(static_cast<int>(j))) return true;
    return false;
}
// whether instances record the order their fields were first assigned in (their dicts' order):
// not where every class of the hierarchy is a dataclass, whose __init__ assigns them in order
bool Emitter::records_order(int root) const {
    for (size_t j = 0; j < m_.classes.size(); ++j)
        if (root_of(static_cast<int>(j)) == root && !m_.classes[j].dataclass) return true;
    return false;
}

// A method a subclass overrides is called through the instance (Expr::dispatch): a virtual
// member per such method, in the class that first defines it, overridden where redefined,
// each calling the class's own function. It takes the recursion budget whatever the method.
std::string Emitter::virtual_signature(int fn, const std::string& name) {
    const ir::Function& f = m_.functions[fn];
    std::string sig = type(f.ret) + " vm_" + identifier(name) + "(pyrite::Depth depth";
    for (size_t i = 1; i < f.params.size(); ++i) sig += ", " + type(f.vars[f.params[i]].type) + " a" + std::to_string(i);
    return sig + ")";
}
std::string Emitter::virtual_methods(int k) {
    std::string out;
    const ir::Class& cls = m_.classes[k];
    for (const auto& [name, fn] : cls.methods) {
        if (m_.functions[fn].method_of < 0) continue;
        bool inherited = cls.base >= 0 && m_.method(cls.base, name) >= 0 && dispatched(cls.base, name);
        if (inherited) out += "    " + virtual_signature(fn, name) + " override;\n";
        else if (m_.overridden(k, name)) out += "    virtual " + virtual_signature(fn, name) + ";\n";
    }
    return out;
}
// the class's own __eq__(self, other: an instance), which == of its instances calls where the
// runtime compares them (dict keys, list.index, `in`); -1 if it has none
int Emitter::own_eq(int k) const {
    int eq = ir::Class::find(m_.classes[k].methods, "__eq__");
    if (eq < 0 || m_.functions[eq].params.size() != 2) return -1;
    const Type* other = m_.functions[eq].vars[m_.functions[eq].params[1]].type;
    return other && other->is(TypeKind::Object) ? eq : -1;
}

// instances hash by the class's __hash__, or a frozen dataclass's fields when they all hash
bool Emitter::hashes(int k) const {
    ir::Module::Hash h = m_.hash_kind(k);
    if (h == ir::Module::Hash::Method) return true;
    if (h != ir::Module::Hash::Fields) return false;
    for (const ir::Field& fd : m_.classes[k].fields)
        if (fd.hashed && !fd.type->is_key()) return false;
    return true;
}

bool Emitter::dispatched(int k, const std::string& name) const {  // some class up the chain made it virtual
    for (int c = k; c >= 0; c = m_.classes[c].base)
        if (ir::Class::find(m_.classes[c].methods, name) >= 0 && m_.overridden(c, name)) return true;
    return false;
}

// The structs, before the functions' declarations (which take and return them)
void Emitter::class_structs() {
    if (m_.classes.empty()) return;
    includes_.insert("pyrite/instance.hpp");
    includes_.insert("pyrite/boundary.hpp");
    std::string& c = out_.declarations;
    for (size_t k = 0; k < m_.classes.size(); ++k) {
        out_.classes.push_back(class_struct(class_type(static_cast<int>(k))));
        c += "struct " + out_.classes.back() + ";\n";
    }
    // first what other structs hold whole: NamedTuples' and Enums' names, then value classes (each
    // after the value classes it holds), then the classes whose instances are references
    for (size_t k = 0; k < m_.classes.size(); ++k) {
        if (m_.classes[k].namedtuple) named_tuple_struct(static_cast<int>(k));
        if (m_.classes[k].is_enum) enum_struct(static_cast<int>(k));
    }
    std::vector<bool> done(m_.classes.size(), false);
    std::function<void(int)> value = [&](int k) {
        if (done[k]) return;
        done[k] = true;
        std::function<void(const Type*)> held = [&](const Type* t) {
            if (t->is(TypeKind::Object) && m_.classes[t->cls].value) value(t->cls);
            for (const Type* e : t->elems) held(e);
        };
        for (const ir::Field& fd : m_.classes[k].fields) held(fd.type);
        value_struct(k);
    };
    for (size_t k = 0; k < m_.classes.size(); ++k)
        if (m_.classes[k].value) value(static_cast<int>(k));
    for (size_t k = 0; k < m_.classes.size(); ++k) {
        const ir::Class& cls = m_.classes[k];
        if (cls.namedtuple || cls.is_enum || cls.value) continue;
        std::string s = class_struct(class_type(static_cast<int>(k)));
        std::string ref = "pyrite::Ref<" + s + ">";
        c += "\n// class " + comment_text(cls.qualname) + " (" + comment_text(cls.file) + ":" + std::to_string(cls.loc.line) + ")\n";
        // a subclass derives from its base's struct: the base's fields keep their offsets
        int root = root_of(static_cast<int>(k));
        bool leaf = true;
        for (const ir::Class& other : m_.classes) leaf = leaf && other.base != static_cast<int>(k);
        std::string base = cls.base >= 0 ? class_struct(class_type(cls.base))
                                         : std::string("pyrite::") + (hierarchy_can_cycle(root) ? "Traced" : "Instance");
        if (cls.base < 0 && cls.type->exc) {  // an exception class: it keeps its args (exceptions.hpp)
            includes_.insert("pyrite/exceptions.hpp");
            base = "pyrite::Exceptional<" + base + ">";
        }
        c += "struct " + s + (leaf ? " final" : "") + " : " + base + " {\n";
        size_t own = cls.base >= 0 ? m_.classes[cls.base].fields.size() : 0;  // fields before are the base's
        bool ordered = records_order(root);
        if (cls.base < 0) {
            // the hierarchy's bookkeeping, first and as small as its fields allow (an instance's size is
            // what a walk over many of them reads: 16 bytes less made a linked-list walk 10% faster)
            size_t most = 1;  // the fields of the class in its hierarchy with the most
            for (size_t j = 0; j < m_.classes.size(); ++j)
                if (root_of(static_cast<int>(j)) == static_cast<int>(k)) most = std::max(most, m_.classes[j].fields.size());
            std::string bits = most <= 8 ? "std::uint8_t" : most <= 16 ? "std::uint16_t" : most <= 32 ? "std::uint32_t" : "std::uint64_t";
            c += "    " + bits + " assigned = 0, dirty = 0;  // bit i: field i assigned; assigned during this call\n";
            if (ordered)
                c += "    unsigned char order_[" + std::to_string(most) +
                     "] = {};  // fields, in the order first assigned\n    unsigned char norder_ = 0;\n";
        }
        for (size_t i = own; i < cls.fields.size(); ++i) {
            const ir::Field& fd = cls.fields[i];
            std::string init = "{}";
            if (fd.value) init = "{" + convert(expr(*fd.value), fd.value->type, fd.type) + "}";  // a constant
            c += "    " + type(fd.type) + " " + field_name(fd.name) + init + ";  // " + comment_text(fd.name) + "\n";
        }
        // raise_pct: float = 0.10 in a subclass of a class whose instances start with 0.05: the
        // subclass's instances start with its own default
        std::string redeclared;
        for (size_t i = 0; i < own; ++i) {
            const ir::Field& fd = cls.fields[i];
            const ir::Field& inherited = m_.classes[cls.base].fields[i];
            auto text = [&](const ir::Field& f) { return f.value ? convert(expr(*f.value), f.value->type, f.type) : std::string(); };
            if (fd.value && text(fd) != text(inherited)) redeclared += "        " + field_name(fd.name) + " = " + text(fd) + ";\n";
        }
        if (!redeclared.empty()) c += "    " + s + "() {  // the defaults it declares anew\n" + redeclared + "    }\n";
        // instances are carved from chunks of their size, so those made together lie together, and
        // their blocks are reused (slab.hpp; a subclass, larger, is in the pool of its own size)
        std::string slab = "pyrite::Slab<sizeof(" + s + "), alignof(" + s + ")>";
        c += "    static void* operator new(std::size_t) { return " + slab + "::alloc(); }\n";
        c += "    static void operator delete(void* p) { " + slab + "::release(p); }\n";
        c += "    ~" + s + "() override;\n";
        if (hierarchy_can_cycle(root)) c += "    void clear() override;\n";
        c += "    bool load_(PyObject* o, const pyrite::capi::Where& w) override { return load(this, o, w); }\n";
        c += "    bool store_(PyObject* o, pyrite::capi::Boundary& b, bool all) override { return store(o, this, b, all); }\n";
        c += "    PyObject* py_class() const override { return py_type; }\n";
        c += "    const char* qualname_() const override { return qualname; }\n";
        c += "    void repr_(std::string& out) override { write_repr(out, " + ref + "::share(this)); }\n";
        c += "    void str_(std::u32string& out) override { write_str(out, " + ref + "::share(this)); }\n";
        if (m_.method(static_cast<int>(k), "__bool__") >= 0 || m_.method(static_cast<int>(k), "__len__") >= 0)
            c += "    bool truth_() override;\n";
        if (hashes(static_cast<int>(k))) c += "    pyrite::i64 hash_() override;\n";
        if (own_eq(static_cast<int>(k)) >= 0) c += "    bool eq_(pyrite::Instance* o) override;\n";
        if (cls.dataclass && cls.eq && ir::Class::find(cls.methods, "__eq__") < 0)  // dataclass __eq__: NotImplemented
                                                                                      // (so identity) for another class
            c += "    bool eq_(pyrite::Instance* o) override {\n        return typeid(*o) == typeid(*this) && eq(" + ref +
                 "::share(this), " + ref + "::share(static_cast<" + s + "*>(o)));\n    }\n";
        c += "    static " + ref + " make_for(PyTypeObject* t);  // a new instance of t: this class or a subclass\n";
        c += virtual_methods(static_cast<int>(k));
        c += "    inline static PyObject* py_type = nullptr;  // the user's class (bind)\n";
        c += "    inline static PyObject* names[" + std::to_string(std::max<size_t>(cls.fields.size(), 1)) + "] = {};\n";
        c += "    static constexpr const char* qualname = " + string_literal(cls.qualname) + ";\n";
        if (cls.type->exc) c += "    static constexpr pyrite::Exc exc_kind = pyrite::Exc::" + cls.type->exc->name + ";\n";
        c += "    static bool eq(const " + ref + "& a, const " + ref + "& b);\n";
        c += "    static void write_repr(std::string& out, const " + ref + "& self);\n";
        c += "    static void write_str(std::u32string& out, const " + ref + "& self);\n";
        c += "    static bool load(" + s + "* self, PyObject* o, const pyrite::capi::Where& w);\n";
        c += "    static bool store(PyObject* o, " + s + "* self, pyrite::capi::Boundary& b, bool all);\n";
        c += "    static void bind(PyObject* cls);\n";
        c += class_check(m_, static_cast<int>(k));
        for (size_t i = own; i < cls.fields.size(); ++i) {
            const ir::Field& fd = cls.fields[i];
            std::string m = field_name(fd.name);
            if (!fd.always_set)
                c += "    const " + type(fd.type) + "& get_" + m + "() const {\n        if (PYRITE_UNLIKELY(!(assigned & " +
                     bit(i) + "))) pyrite::no_attribute(" + string_literal(cls.qualname.substr(cls.qualname.rfind('.') + 1)) +
                     ", " + string_literal(fd.name) + ");\n        return " + m + ";\n    }\n";
            // a plain class's instance dict holds what was assigned, in the order it was first assigned
            // (order_); a dataclass's __init__ assigns every field, in field order
            std::string first = !ordered ? (fd.always_set ? "" : "        assigned |= " + bit(i) + ";\n")
                                              : "        if (PYRITE_UNLIKELY(!(assigned & " + bit(i) + "))) {\n"
                                                "            assigned |= " + bit(i) + ";\n            order_[norder_++] = " +
                                                    std::to_string(i) + ";\n        }\n";
            c += "    template <class V>\n    void set_" + m + "(V&& v) {\n        " + m + " = std::forward<V>(v);\n" + first +
                 "        dirty |= " + bit(i) + ";\n    }\n";
        }
        c += "};\n";
    }
}

// whether value class k's struct can have a dataclass's == (and, hashed, a frozen one's hash) by
// its fields: every value class its fields hold has them too
bool Emitter::value_compares(int k, bool hashed) const {
    const ir::Class& cls = m_.classes[k];
    if (!cls.dataclass || !cls.eq || ir::Class::find(cls.methods, "__eq__") >= 0) return false;
    if (hashed && (m_.hash_kind(k) != ir::Module::Hash::Fields || !hashes(k))) return false;
    std::function<bool(const Type*)> held = [&](const Type* t) {
        if (t->is(TypeKind::Object) && m_.classes[t->cls].value && !value_compares(t->cls, hashed)) return false;
        for (const Type* e : t->elems)
            if (!held(e)) return false;
        return true;
    };
    for (const ir::Field& fd : cls.fields)
        if (!held(fd.type)) return false;
    return true;
}

// A value class's struct (opt/values.cpp): its fields, which only its __init__ assigns, and what
// names it; copied where Python would share the instance, which no code of the program can tell
void Emitter::value_struct(int k) {
    const ir::Class& cls = m_.classes[k];
    std::string s = class_struct(class_type(k));
    std::string& c = out_.declarations;
    c += "\n// class " + comment_text(cls.qualname) + " (" + comment_text(cls.file) + ":" + std::to_string(cls.loc.line) +
         "): a value, held by value (no code can tell its instances from copies)\n";
    c += "struct " + s + " : pyrite::Value {\n";
    for (const ir::Field& fd : cls.fields) {
        std::string init = fd.value ? "{" + convert(expr(*fd.value), fd.value->type, fd.type) + "}" : "{}";
        c += "    " + type(fd.type) + " " + field_name(fd.name) + init + ";  // " + comment_text(fd.name) + "\n";
    }
    // obj->x, as of an instance held by reference; obj->set_x(v) in its __init__
    c += "    const " + s + "* operator->() const { return this; }\n";
    c += "    " + s + "* operator->() { return this; }\n";
    for (const ir::Field& fd : cls.fields) {
        std::string m = field_name(fd.name);
        c += "    template <class V>\n    void set_" + m + "(V&& v) {\n        " + m + " = std::forward<V>(v);\n    }\n";
    }
    // a dataclass's ==, field by field, and a frozen one's hash((fields)) (instance.hpp's obj_eq,
    // py_eq, py_hash)
    if (value_compares(k, false)) {
        c += "    static bool eq(const " + s + "& a, const " + s + "& b) {\n        return true";
        for (const ir::Field& fd : cls.fields) {
            if (!fd.compare) continue;
            std::string m = field_name(fd.name);
            c += " && " + compare_pair(CmpOp::Eq, "a." + m, fd.type, "b." + m, fd.type);
        }
        c += ";\n    }\n";
    }
    if (value_compares(k, true)) {
        std::string fields;
        for (const ir::Field& fd : cls.fields)
            if (fd.hashed) fields += (fields.empty() ? "v." : ", v.") + field_name(fd.name);
        c += "    static pyrite::i64 hash(const " + s + "& v) { return pyrite::py_hash(std::make_tuple(" + fields + ")); }\n";
    }
    // its fields set on a new Python object of the class (boundary.hpp's to_py: a KeyError's key)
    c += "    template <class B>\n    static bool store_fields(const " + s + "& v, PyObject* o, B& b) {\n        return true";
    for (const ir::Field& fd : cls.fields)
        c += " &&\n               pyrite::capi::store_named(o, " + string_literal(fd.name) + ", v." + field_name(fd.name) + ", b)";
    c += ";\n    }\n";
    c += "    inline static PyObject* py_type = nullptr;  // the user's class (bind)\n";
    c += "    static constexpr const char* qualname = " + string_literal(cls.qualname) + ";\n";
    c += value_class_tail(class_check(m_, k), s);
}

// What the structs do, after the functions' declarations (a __repr__ is one of them), in three
// parts a module compiled in two parts at once (module.cpp.j2) splits: what calls the module's
// functions (a method's dispatch, a __repr__, a __hash__) with their bodies (members); what only the
// glue calls (load, store, bind, make_for: boundary_members) and what reads only fields (the
// destructor, so the vtable; a dataclass's == and repr; field_members) with the glue. The bodies'
// part is the slow one (the leaderboard of benchmarks/first_call.py: its clang CPU 1.68 -> 1.24 s
// with field_members moved out, the glue's 0.40 -> 0.56 s).
void Emitter::class_members() {
    std::string& glue = out_.boundary_members;
    // a class's py_lt calls its __lt__ (a static function of the bodies' part) and a field's ==
    // could reach it (list_compare): then == stays with the bodies
    bool orders = false;
    for (size_t k = 0; k < m_.classes.size(); ++k) orders = orders || m_.ordering(static_cast<int>(k)) >= 0;
    for (size_t k = 0; k < m_.classes.size(); ++k) {
        const ir::Class& cls = m_.classes[k];
        if (cls.namedtuple) {
            named_tuple_members(static_cast<int>(k));
            continue;
        }
        if (cls.is_enum) continue;  // all in its struct
        if (cls.value) {  // what prints and orders it: the rest is in its struct
            std::string s = class_struct(class_type(static_cast<int>(k)));
            printing(static_cast<int>(k), s);
            if (int lt = m_.ordering(static_cast<int>(k)); lt >= 0)  // as a reference's py_lt below
                out_.declarations += "[[maybe_unused]] inline bool py_lt(const " + s + "& a, const " + s +
                                     "& b) {\n    const " + s + "& self = a;\n    return " + dunder_call(lt, ", b") + ";\n}\n";
            continue;
        }
        const Type* t = class_type(static_cast<int>(k));
        std::string s = class_struct(t);
        std::string ref = "pyrite::Ref<" + s + ">";
        std::string& c = out_.members;
        std::string& fields = out_.field_members;
        fields += "\n" + s + "::~" + s + "() = default;\n";
        // make_for: the struct of the Python object's class (this one or a subclass)
        glue += ref + " " + s + "::make_for(PyTypeObject* t) {\n    if (t == reinterpret_cast<PyTypeObject*>(py_type)) return " +
                ref + "(new " + s + "());\n";
        for (size_t j = 0; j < m_.classes.size(); ++j)
            if (m_.classes[j].base == static_cast<int>(k))
                glue += "    if (" + ref + " r = " + class_struct(class_type(static_cast<int>(j))) + "::make_for(t); r.get()) return r;\n";
        glue += "    return " + ref + "();\n}\n";
        // the virtual methods: each calls this class's own function
        for (const auto& [name, fn] : cls.methods) {
            const ir::Function& f = m_.functions[fn];
            if (f.method_of < 0 || !dispatched(static_cast<int>(k), name)) continue;
            std::string sig = virtual_signature(fn, name);
            sig.insert(sig.find(" vm_") + 1, s + "::");
            std::string call = func_name(f, fn) + "(" + (f.counts_depth ? "depth, " : "") + ref + "::share(this)";
            for (size_t i = 1; i < f.params.size(); ++i) call += ", a" + std::to_string(i);
            c += sig + " {\n    (void)depth;\n    return " + call + ");\n}\n";
        }
        if (hierarchy_can_cycle(root_of(static_cast<int>(k)))) {
            fields += "void " + s + "::clear() {\n";
            for (const ir::Field& fd : cls.fields)
                if (fd.type->has_container()) fields += "    " + field_name(fd.name) + " = {};\n";
            fields += "}\n";
        }
        // == of a dataclass: its fields, in order (as its generated __eq__ compares tuples)
        std::string& eq_part = orders ? c : fields;
        eq_part += "bool " + s + "::eq(const " + ref + "& a, const " + ref + "& b) {\n    return true";
        if (cls.dataclass && cls.eq)
            for (const ir::Field& fd : cls.fields) {
                if (!fd.compare) continue;
                std::string m = field_name(fd.name);
                if (fd.type->is(TypeKind::Object) || (fd.type->is(TypeKind::Optional) && fd.type->elem()->is(TypeKind::Object)))
                    eq_part += " && pyrite::obj_eq(a->" + m + ", b->" + m + ")";
                else
                    eq_part += " && " + compare_pair(CmpOp::Eq, "a->" + m, fd.type, "b->" + m, fd.type);
            }
        eq_part += ";\n}\n";
        auto call = [&](int fn, const std::string& more = "") { return dunder_call(fn, more); };
        // truth: __bool__, else __len__ (what `if obj:` and `not obj` call)
        int truth = m_.method(static_cast<int>(k), "__bool__"), len = m_.method(static_cast<int>(k), "__len__");
        int hash_method = -1;
        ir::Module::Hash hk = m_.hash_kind(static_cast<int>(k), &hash_method);
        if (hk == ir::Module::Hash::Method)
            c += "pyrite::i64 " + s + "::hash_() {\n    " + ref + " self = " + ref + "::share(this);\n    return " +
                 call(hash_method) + ";\n}\n";
        if (int eq = own_eq(static_cast<int>(k)); eq >= 0) {  // == of dict keys, list.index, `in`: its __eq__
            std::string os = class_struct(m_.functions[eq].vars[m_.functions[eq].params[1]].type);
            c += "bool " + s + "::eq_(pyrite::Instance* o) {\n    auto* x = dynamic_cast<" + os +
                 "*>(o);\n    if (!x) return false;\n    " + ref + " self = " + ref + "::share(this);\n    return " +
                 call(eq, ", pyrite::Ref<" + os + ">::share(x)") + ";\n}\n";
        }
        if (hk == ir::Module::Hash::Fields && hashes(static_cast<int>(k))) {  // hash((self.a, self.b)), as the frozen dataclass's
            std::string hashed;
            for (const ir::Field& fd : cls.fields)
                if (fd.hashed) hashed += (hashed.empty() ? "" : ", ") + field_name(fd.name);
            fields += "pyrite::i64 " + s + "::hash_() {\n    return pyrite::py_hash(std::make_tuple(" + hashed + "));\n}\n";
        }
        if (int lt = m_.ordering(static_cast<int>(k)); lt >= 0)  // sorted(), heapq, bisect: the runtime's py_lt (ADL),
            // declared before any template that finds it
            out_.declarations += "[[maybe_unused]] inline bool py_lt(const " + ref + "& a, const " + ref +
                                 "& b) {\n    const " + ref + "& self = a;\n    return " + call(lt, ", b") + ";\n}\n";
        if (truth >= 0 || len >= 0)
            c += "bool " + s + "::truth_() {\n    " + ref + " self = " + ref + "::share(this);\n    return " +
                 (truth >= 0 ? call(truth) : call(len) + " != 0") + ";\n}\n";
        printing(static_cast<int>(k), ref, true);
        boundary_members(static_cast<int>(k));
    }
}

// write_repr and write_str of class k's struct, self a `const self_type&`: __repr__ and __str__,
// a dataclass's Body(x=1.0, y=2.0) ("..." where it recurses: an instance held by reference), an
// exception's MyError('message', 2); apart: one that calls no function of the module's goes to
// field_members (class_members)
void Emitter::printing(int k, const std::string& self_type, bool apart) {
    const ir::Class& cls = m_.classes[k];
    std::string s = class_struct(class_type(k));
    int repr = m_.method(k, "__repr__"), str = m_.method(k, "__str__");
    auto call = [&](int fn) { return dunder_call(fn, ""); };
    std::string& c = apart && repr < 0 ? out_.field_members : out_.members;
    c += "void " + s + "::write_repr(std::string& out, const " + self_type + "& self) {\n";
    if (repr >= 0) {
        c += "    out += pyrite::utf8(" + call(repr) + ");\n";
    } else if (cls.dataclass && cls.repr) {
        std::string name = cls.qualname;
        if (!cls.value) c += "    if (self->repr_busy) {\n        out += \"...\";\n        return;\n    }\n    self->repr_busy = true;\n";
        c += "    out += " + string_literal(name + "(") + ";\n";
        bool first = true;
        for (size_t i = 0; i < cls.fields.size(); ++i) {
            const ir::Field& fd = cls.fields[i];
            if (!fd.in_repr) continue;  // field(repr=False)
            c += "    out += " + string_literal((first ? "" : ", ") + fd.name + "=") + ";\n";
            first = false;
            c += "    pyrite::repr_to(out, self->" + (fd.always_set ? field_name(fd.name) : "get_" + field_name(fd.name) + "()") + ");\n";
        }
        c += cls.value ? "    out += ')';\n" : "    out += ')';\n    self->repr_busy = false;\n";
    } else if (cls.type->exc) {  // BaseException's: MyError('message', 2)
        std::string name = cls.qualname.substr(cls.qualname.rfind('.') + 1);
        c += "    pyrite::args_repr(out, " + string_literal(name) + ", self->args);\n";
    } else {
        // object.__repr__: a base the program never makes, whose subclasses print (typeinfer's
        // class_printable), of an instance Python made
        c += "    pyrite::default_repr(out, " + string_literal(cls.module + "." + cls.qualname) + ", " +
             (cls.value ? "&self" : "self.get()") + ");\n";
    }
    c += "}\n";
    std::string& d = apart && str < 0 ? out_.field_members : out_.members;
    d += "void " + s + "::write_str(std::u32string& out, const " + self_type + "& self) {\n";
    if (str >= 0) {
        d += "    pyrite::Str s = " + call(str) + ";\n    out.append(s.data(), static_cast<size_t>(s.len()));\n";
    } else if (cls.type->exc) {  // BaseException.__str__: of its args (before any __repr__)
        d += "    pyrite::args_text(out, self->args, exc_kind);\n";
    } else {
        d += "    std::string r;\n    write_repr(r, self);\n    out += pyrite::Str::decode(r.data(), r.size());\n";
    }
    d += "}\n";
}

// fn(self, ...): a dunder called from the runtime (no caller's recursion budget: a fresh one)
std::string Emitter::dunder_call(int fn, const std::string& more) {
    const ir::Function& f = m_.functions[fn];
    std::string depth = f.counts_depth ? "pyrite::Depth{1000, static_cast<const char*>(__builtin_frame_address(0)) - "
                                         "(std::size_t(1) << 20)}, "
                                       : "";
    return func_name(f, fn) + "(" + depth + "self" + more + ")";
}

// A NamedTuple's class: no struct of fields (its instances are pyrite::Named tuples), but what
// names them: the user's class (bound at load, checked unchanged at each call), the field names,
// repr() and str() (runtime/include/pyrite/named.hpp)
void Emitter::named_tuple_struct(int k) {
    includes_.insert("pyrite/named.hpp");
    const ir::Class& cls = m_.classes[k];
    std::string s = class_struct(class_type(k));
    std::string self = type(class_type(k));
    std::string& c = out_.declarations;
    c += "\n// NamedTuple " + comment_text(cls.qualname) + " (" + comment_text(cls.file) + ":" + std::to_string(cls.loc.line) +
         "): its instances are " + comment_text(self) + "\n";
    c += "struct " + s + " {\n";
    c += "    inline static PyObject* py_type = nullptr;  // the user's class (bind)\n";
    c += "    static constexpr const char* qualname = " + string_literal(cls.qualname) + ";\n";
    c += "    static constexpr const char* fields[] = {";
    for (size_t i = 0; i < cls.fields.size(); ++i) c += (i ? ", " : "") + string_literal(cls.fields[i].name);
    c += cls.fields.empty() ? "nullptr};\n" : "};\n";
    c += value_class_tail(class_check(m_, k), self);
}

// An Enum's class: its members' names and values, what Color(value) looks up, the user's class
// and its member objects (bound at load: what crosses the boundary); runtime/include/pyrite/enum.hpp
void Emitter::enum_struct(int k) {
    includes_.insert("pyrite/enum.hpp");
    const ir::Class& cls = m_.classes[k];
    std::string s = class_struct(class_type(k));
    std::string& c = out_.declarations;
    size_t n = cls.fields.size();
    const Type* vt = n ? cls.fields[0].declared : Type::int_();
    std::string value_type = type(vt);
    c += "\n// Enum " + comment_text(cls.qualname) + " (" + comment_text(cls.file) + ":" + std::to_string(cls.loc.line) +
         "): its members are pyrite::Member<" + s + ">, their positions\n";
    c += "struct " + s + " {\n";
    c += "    using Value = " + value_type + ";\n";
    c += "    static constexpr int count = " + std::to_string(n) + ";\n";
    c += std::string("    static constexpr bool mixin = ") + (cls.type->enum_mixin() ? "true" : "false") +
         ";  // an IntEnum, a StrEnum, an Enum mixed with int or str: a member is also its value\n";
    c += std::string("    static constexpr bool text_is_value = ") + (cls.text_is_value ? "true" : "false") +
         ";  // str() and format() are the value's (IntEnum, StrEnum)\n";
    c += "    inline static PyObject* py_type = nullptr;  // the user's class (bind)\n";
    c += "    inline static PyObject* members[" + std::to_string(std::max<size_t>(n, 1)) + "] = {};  // its member objects\n";
    c += "    static constexpr const char* qualname = " + string_literal(cls.qualname) + ";\n";
    c += "    static constexpr const char* names[] = {";
    for (size_t i = 0; i < n; ++i) c += (i ? ", " : "") + string_literal(cls.fields[i].name);
    c += n ? "};\n" : "nullptr};\n";
    c += "    static Value value(int i) {\n        switch (i) {\n";
    for (size_t i = 0; i < n; ++i)
        c += "            case " + std::to_string(i) + ": return " + convert(expr(*cls.fields[i].value), cls.fields[i].value->type, vt) + ";\n";
    c += "        }\n        return Value{};\n    }\n";
    c += "    static pyrite::Member<" + s + "> of_value(const Value& v) {  // Color(v)\n";
    c += "        for (int i = 0; i < count; ++i)\n            if (pyrite::py_eq(value(i), v)) return pyrite::Member<" + s + ">{i};\n";
    c += "        pyrite::enum_no_member(v, qualname);\n    }\n";
    c += class_check(m_, k);
    c += "    static void bind(PyObject* cls) {\n        Py_XSETREF(py_type, Py_NewRef(cls));\n"
         "        pyrite::capi::class_snapshot(cls, seen, tag);\n"
         "        for (int i = 0; i < count; ++i) Py_XSETREF(members[i], PyObject_GetAttrString(cls, names[i]));\n"
         "        PyErr_Clear();\n    }\n";
    c += "};\n";
}

void Emitter::named_tuple_members(int k) {
    std::string s = class_struct(class_type(k));
    std::string self = type(class_type(k));
    std::string& c = out_.members;
    int repr = m_.method(k, "__repr__"), str = m_.method(k, "__str__");
    c += "void " + s + "::write_repr(std::string& out, const " + self + "& self) {\n";
    c += repr >= 0 ? "    out += pyrite::utf8(" + dunder_call(repr) + ");\n" : "    pyrite::named_repr(out, self);\n";
    c += "}\n";
    c += "void " + s + "::write_str(std::u32string& out, const " + self + "& self) {\n";
    if (str >= 0) {
        c += "    pyrite::Str s = " + dunder_call(str) + ";\n    out.append(s.data(), static_cast<size_t>(s.len()));\n";
    } else {
        c += "    std::string r;\n    write_repr(r, self);\n    out += pyrite::Str::decode(r.data(), r.size());\n";
    }
    c += "}\n";
}

// The boundary's side of a struct (the glue calls it; templates/module.cpp.j2): the caller's
// object read field by field, fields written back, the class bound at load
void Emitter::boundary_members(int k) {
    const ir::Class& cls = m_.classes[k];
    std::string s = class_struct(class_type(k));
    std::string& c = out_.boundary_members;
    // a field that holds a value class: never read or written here (a class holding one never crosses)
    std::function<bool(const Type*)> value = [&](const Type* t) {
        if (ValueClasses::holds(t)) return true;
        for (const Type* e : t->elems)
            if (value(e)) return true;
        return false;
    };
    c += "bool " + s + "::load(" + s + "* self, PyObject* o, const pyrite::capi::Where& w) {\n";
    for (size_t i = 0; i < cls.fields.size(); ++i) {
        const ir::Field& fd = cls.fields[i];
        if (value(fd.type)) continue;
        c += "    {\n        bool present = false;\n        if (!pyrite::capi::load_field(o, names[" + std::to_string(i) +
             "], &self->" + field_name(fd.name) + ", w.field(" + string_literal(fd.name) + "), " +
             (fd.always_set ? "false" : "true") + ", &present))\n            return false;\n";
        c += "        if (present) self->assigned |= " + bit(i) + ";\n";
        c += "    }\n";
    }
    c += "    (void)self, (void)o, (void)w;\n    return true;\n}\n";
    // all: a new instance (its fields as its dict would hold them); else the fields this call assigned
    c += "bool " + s + "::store(PyObject* o, " + s + "* self, pyrite::capi::Boundary& b, bool all) {\n";
    auto store_field = [&](size_t i, const std::string& cond) {
        if (value(cls.fields[i].type)) return;
        c += "    if ((" + cond + ") && !pyrite::capi::store_field(o, names[" + std::to_string(i) + "], self->" +
             field_name(cls.fields[i].name) + ", b))\n        return false;\n";
    };
    if (!records_order(root_of(static_cast<int>(k)))) {
        for (size_t i = 0; i < cls.fields.size(); ++i) {
            const ir::Field& fd = cls.fields[i];
            std::string when = fd.always_set ? "all" : "(all && (self->assigned & " + bit(i) + "))";
            store_field(i, when + " || (self->dirty & " + bit(i) + ")");
        }
    } else if (!cls.fields.empty()) {
        // first what was assigned here, in that order (new keys of the dict), then the rest
        c += "    std::uint64_t written = 0;\n";
        c += "    for (unsigned k = 0; k < self->norder_; ++k) {\n        switch (self->order_[k]) {\n";
        for (size_t i = 0; i < cls.fields.size(); ++i) {
            if (value(cls.fields[i].type)) continue;
            c += "            case " + std::to_string(i) + ":\n";
            c += "                if ((all || (self->dirty & " + bit(i) + ")) && !pyrite::capi::store_field(o, names[" +
                 std::to_string(i) + "], self->" + field_name(cls.fields[i].name) + ", b))\n                    return false;\n";
            c += "                written |= " + bit(i) + ";\n                break;\n";
        }
        c += "        }\n    }\n";
        for (size_t i = 0; i < cls.fields.size(); ++i)
            store_field(i, "!all && !(written & " + bit(i) + ") && (self->dirty & " + bit(i) + ")");
    }
    c += "    (void)o, (void)self, (void)b, (void)all;\n    return true;\n}\n";
    c += "void " + s + "::bind(PyObject* cls) {\n    Py_XSETREF(py_type, Py_NewRef(cls));\n";
    c += "    pyrite::capi::class_snapshot(cls, seen, tag);\n";
    for (size_t i = 0; i < cls.fields.size(); ++i)
        c += "    if (!names[" + std::to_string(i) + "]) names[" + std::to_string(i) + "] = PyUnicode_InternFromString(" +
             string_literal(cls.fields[i].name) + ");\n";
    c += "}\n";
}

// obj.x
std::string Emitter::attr(const Expr& e) {
    if (e.args[0]->type->is(TypeKind::Enum))  // member.name, member.value (enum.hpp)
        return "pyrite::member_" + e.name + "(" + strip_parens(expr(*e.args[0])) + ")";
    const ir::Class& cls = m_.classes[e.args[0]->type->cls];
    const ir::Field& fd = cls.fields[e.index];
    std::string obj = expr(*e.args[0]);
    std::string s = fd.always_set ? obj + "->" + field_name(fd.name) : obj + "->get_" + field_name(fd.name) + "()";
    if (e.unwrap) s = "pyrite::unwrap(" + s + ", " + string_literal(fd.name) + ")";  // narrowed (checked)
    return s;
}

// obj.x = value: the value first, as Python evaluates it
void Emitter::attr_store(const Stmt& s, int depth) {
    const Expr& target = *s.target;
    const ir::Class& cls = m_.classes[target.args[0]->type->cls];
    const ir::Field& fd = cls.fields[target.index];
    std::string value = convert(expr(*s.value), s.value->type, fd.type);
    std::string obj = expr(*target.args[0]);
    if (raises(*target.args[0]) && raises(*s.value)) {
        emit_line(depth, "{");
        emit_line(depth + 1, type(fd.type) + " value_ = " + value + ";");
        emit_line(depth + 1, obj + "->set_" + field_name(fd.name) + "(std::move(value_));");
        emit_line(depth, "}");
        return;
    }
    emit_line(depth, obj + "->set_" + field_name(fd.name) + "(" + value + ");");
}

// Body(a, b): a new instance, then its __init__ on it
// obj.area() where a subclass overrides area: through the instance's class
std::string Emitter::virtual_call(const Expr& e) {
    const ir::Function& callee = m_.functions[e.callee];
    std::string name = callee.qualname.substr(callee.qualname.rfind('.') + 1);
    std::vector<const Expr*> in_order;
    for (const ir::ExprP& a : e.args) in_order.push_back(a.get());
    std::string prelude;
    std::vector<std::string> v = operands(in_order, prelude);
    std::string s = "(" + v[0] + ")->vm_" + identifier(name) + "(" + (f_->counts_depth ? "depth.next()" : "pyrite::Depth{}");
    for (size_t i = 1; i < e.args.size(); ++i)
        s += ", " + convert(v[i], e.args[i]->type, callee.vars[callee.params[i]].type);
    return sequenced(prelude, e.type, s + ")");
}

// isinstance(x, Circle) where x's static type is a base of Circle: what x was made as
std::string Emitter::isinstance_check(const Expr& e, const std::string& value) {
    std::string s = e.holds ? "true" : "false";
    const Type* t = e.args[0]->type;
    if (t->is(TypeKind::Optional)) t = t->elem();  // value: what the T | None holds (emit_containers.cpp)
    for (const std::string& c : e.classes) {
        if ((t->is(TypeKind::Exception) || t->is(TypeKind::ExcClass)) && Type::exception(c))  // a caught exception: of what it was raised as
            s += " || pyrite::exc_is(" + value + ", pyrite::Exc::" + c + ")";
        if (t->is(TypeKind::ExcArg))  // an item of e.args: what it holds (int: a bool too, as in Python)
            s += " || pyrite::arg_is(" + value + ", " +
                 (c == "int" ? "pyrite::ExcArg::Int, pyrite::ExcArg::Bool" : c == "float" ? "pyrite::ExcArg::Float"
                  : c == "bool" ? "pyrite::ExcArg::Bool" : "pyrite::ExcArg::Text") + ")";
        if (t->is(TypeKind::Real) && (c == "int" || c == "float"))  // an int | float: which it holds
            s += std::string(" || ") + (c == "float" ? "!" : "") + "(" + value + ").is_int()";
        if (t->is(TypeKind::Boxed) && c.rfind("class ", 0) != 0)  // an `object`: the Python type of what it holds
            s += " || pyrite::boxed_is(" + value + ", " + string_literal(c) + ")";
        if (c.rfind("class ", 0) != 0) continue;
        for (size_t k = 0; k < m_.classes.size(); ++k)
            if (m_.classes[k].qualname == c.substr(6))
                s += " || pyrite::instance_of<" + class_struct(class_type(static_cast<int>(k))) + ">(" + value + ")";
    }
    return "(" + s + ")";
}

std::string Emitter::new_object(const Expr& e) {
    const Type* t = class_type(e.callee);
    std::string s = class_struct(t);
    const ir::Class& cls = m_.classes[e.callee];
    if (cls.is_enum)  // Color.RED: its position; Color(value): the member with that value (ValueError if none)
        return e.index >= 0 ? type(t) + "{" + std::to_string(e.index) + "}"
                            : s + "::of_value(" + convert(expr(*e.args[0]), e.args[0]->type, cls.fields[0].declared) + ")";
    if (t->exc) return exception_new(e);
    if (!cls.abstract.empty()) {  // an ABC with abstract methods: its arguments, then object.__new__'s TypeError
        std::string c = "[&]() -> " + type(t) + " { ";
        for (const ir::ExprP& a : e.args) c += "(void)(" + expr(*a) + "); ";
        return c + "pyrite::raise(pyrite::Exc::TypeError, " + string_literal(cls.abstract) + "); }()";
    }
    if (cls.value && cls.init < 0) return s + "{}";
    if (cls.init < 0) return "pyrite::Ref<" + s + ">(new " + s + "())";
    std::string init = call_function(e, cls.init, 1, "pyrite_self");
    // (void): __init__'s None, a statement expression where its arguments are sequenced (unused)
    if (cls.value) return "[&] { " + s + " pyrite_self; (void)" + init + "; return pyrite_self; }()";
    return "pyrite::construct<" + s + ">([&](pyrite::NewSelf<" + s + ">& pyrite_self) { (void)" + init + "; })";
}

}  // namespace pyrite::codegen
