// codegen: the one place where Python names and types become C++ spellings.
// Every string from Python source that reaches C++ goes through here.
#pragma once
#include <string>

#include "../ir/ir.hpp"

namespace pyrite::codegen {

std::string cxx_dtype(DType d);                            // float32 -> float
std::string cxx_type(const Type* t);                      // int -> pyrite::i64

// The classes of the module being printed that are C++ values (ir::Class::value, opt/values.cpp):
// cxx_type spells their instances as the struct itself (c1_Vec3), others' as a reference to it
// (pyrite::Ref<c0_Node>). Held by codegen::emit for the time it prints a module, on its thread.
class ValueClasses {
public:
    explicit ValueClasses(const ir::Module& m);
    ~ValueClasses();
    ValueClasses(const ValueClasses&) = delete;
    ValueClasses& operator=(const ValueClasses&) = delete;
    static bool holds(const Type* object);  // an instance of a value class

private:
    std::vector<bool> values_;
    const std::vector<bool>* outer_;
};
std::string var_name(const ir::Var& v);                   // x -> v_x, $3 -> t_3
std::string flag_name(const ir::Var& v);                  // x -> b_x (is x bound?)
std::string cell_name(const ir::Var& v);                  // x -> cell_x (the heap cell x lives in: Var::cell)
std::string func_name(const ir::Function& f, int index);  // f{index}_{name}
std::string class_struct(const Type* object);             // Body (class 0) -> c0_Body
std::string field_name(const std::string& field);         // x -> m_x
std::string string_literal(const std::string& s);         // a C++ string literal
std::string int_literal(std::int64_t v);
std::string float_literal(double v);
std::string unchecked_mask(unsigned mask);                // Expr::unchecked_axes as get_m<...>'s argument
std::string identifier(const std::string& s);             // any text -> [A-Za-z0-9_], injective
std::string comment_text(const std::string& s);           // any text -> one line of a // comment, injective

}  // namespace pyrite::codegen
