// The native-syntax parser behind parse.hpp, shared by its entry points (parse.cpp) and the
// JSON syntax (parse_json.cpp, for the templates inside JSON strings). Internal to src/hcl.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/parse.hpp"

namespace certlint::hcl::detail {

// A syntax error, thrown inside the parser and caught by the entry points.
struct Failure {
    Pos pos;
    std::string message;
};

// Throws a Failure at the first byte of `s` that is not UTF-8.
void check_utf8(const std::string& s);

// Go's %q quoting of a string (as Terraform writes index keys): `"a\"b"`.
std::string quote(std::string_view s);

class Parser {
public:
    // `fixed`: when set, every node gets this range and every error its start (templates read
    // from JSON strings, whose inner positions are not positions in the file).
    Parser(File& file, const Options& options, const Range* fixed);

    void parse_file_body();
    void parse_whole_expression();
    void parse_whole_template();
    void parse_whole_traversal();

private:
    struct Token {
        enum Kind { Literal, Interpolation, If, Else, EndIf, For, EndFor };
        Kind kind = Literal;
        std::string text;
        ExprPtr expr;
        std::string key_var;
        std::string value_var;
        bool strip_before = false;
        bool strip_after = false;
        Range range;
    };
    enum class TemplateMode { Quoted, Heredoc, Bare };

    class DepthGuard {
    public:
        explicit DepthGuard(Parser& p);
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        ~DepthGuard() { --p_.depth_; }

    private:
        Parser& p_;
    };

    // Whether a newline ends what is being parsed (bodies, object items) or is a space
    // (inside parentheses, brackets, interpolations), for the guard's lifetime.
    class NewlineGuard {
    public:
        NewlineGuard(Parser& p, bool significant) : p_(p), saved_(p.newlines_) {
            p.newlines_ = significant;
        }
        NewlineGuard(const NewlineGuard&) = delete;
        NewlineGuard& operator=(const NewlineGuard&) = delete;
        ~NewlineGuard() { p_.newlines_ = saved_; }

    private:
        Parser& p_;
        bool saved_;
    };

    [[nodiscard]] Range range(const Pos& begin, const Pos& end) const;
    [[noreturn]] void fail(const Pos& at, std::string message) const;
    [[noreturn]] void too_deep() const;
    template <class T>
    ExprPtr make(T node, const Pos& begin) const {
        auto e = std::make_shared<Expr>();
        e->node = std::move(node);
        e->range = range(begin, last_end_);
        return e;
    }

    [[nodiscard]] int peek(std::size_t k = 0) const;
    [[nodiscard]] bool starts(std::string_view t) const;
    void bump(std::size_t n);
    char32_t code_point(std::size_t k, int* len) const;
    [[nodiscard]] bool at_ident_start() const;
    std::string read_ident();
    void skip_trivia();
    void skip_newlines();
    void record_comment(const Pos& begin, const Pos& end);
    bool eat(std::string_view token);
    void expect(std::string_view token, std::string_view what);
    [[nodiscard]] std::string found() const;
    bool keyword_ahead(std::string_view word);
    void check_utf8() const;

    void parse_body(Body& body, bool nested);
    static void shrink(Body& body);
    static void shrink_steps(const ExprPtr& e);
    void parse_item(Body& body, std::unordered_set<std::string>& names, bool one_line);
    void end_of_item(const char* what);
    std::string read_label_string();

    ExprPtr parse_expression_node();
    std::size_t binary_op(int level, BinaryOp& op);
    ExprPtr parse_binary(int level);
    ExprPtr parse_unary();
    ExprPtr parse_postfix(ExprPtr base, const Pos& begin);
    std::optional<Step> parse_dot_step();
    ExprPtr parse_index(ExprPtr base, const Pos& begin, const Pos& bracket);
    static std::optional<Literal> literal_key(const Expr& key);
    ExprPtr add_step(ExprPtr base, Step step, const Pos& begin);
    ExprPtr parse_splat(ExprPtr source, const Pos& begin, bool attribute_only);
    ExprPtr parse_primary();
    ExprPtr parse_number();
    ExprPtr parse_call(std::string name, const Pos& begin, const Pos& name_end);
    bool for_ahead();
    ExprPtr parse_tuple();
    ExprPtr parse_object();
    ExprPtr parse_for(const Pos& begin, bool object);

    ExprPtr parse_quoted();
    ExprPtr parse_heredoc();
    [[nodiscard]] bool heredoc_end_here(const std::string& marker) const;
    std::vector<Token> template_tokens(TemplateMode mode, const std::string& marker);
    void escape(std::string& out);
    void directive(Token& t);
    static void flush_heredoc(std::vector<Token>& tokens);
    std::vector<TemplatePart> build_template(std::vector<Token> tokens, const Pos& begin);
    std::vector<TemplatePart> build_parts(std::vector<Token>& tokens, std::size_t& i,
                                          const Token* open);

    File& f_;
    const std::string& s_;
    const Options& options_;
    const Range* fixed_;
    Pos p_;         // the cursor
    Pos last_end_;  // the end of the last token read
    bool newlines_ = true;
    int depth_ = 0;
    std::size_t comments_end_ = 0;
};

}  // namespace certlint::hcl::detail
