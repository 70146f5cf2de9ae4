// The native-syntax parser behind parse.hpp, shared by its entry points (parse.cpp) and the
// JSON syntax (parse_json.cpp, for the templates inside JSON strings). Internal to src/hcl.
#pragma once

#include <cstddef>
#include <memory>
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

// The memory of one parse's expression nodes (and their shared_ptr control blocks): carved
// from a few large blocks instead of a malloc each. Every node's control block holds a
// reference to the arena (a NodeAllocator), as does the Parser while it runs, so the arena
// lives as long as any node of the parse does and is freed, blocks at once, with the last of
// them; freeing a node frees nothing. The count is not atomic: the nodes of one parse (a
// File's tree) are released by one thread at a time, as a File belongs to one reader.
class NodeArena {
public:
    NodeArena() = default;
    NodeArena(const NodeArena&) = delete;
    NodeArena& operator=(const NodeArena&) = delete;

    void* allocate(std::size_t size, std::size_t align);
    void retain() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0) delete this;
    }

private:
    ~NodeArena();

    std::vector<void*> blocks_;
    char* current_ = nullptr;
    std::size_t used_ = 0;
    std::size_t capacity_ = 0;
    std::size_t next_size_ = 4096;
    std::size_t refs_ = 0;
};

template <class T>
struct NodeAllocator {
    using value_type = T;
    NodeArena* arena;

    explicit NodeAllocator(NodeArena* a) noexcept : arena(a) { arena->retain(); }
    NodeAllocator(const NodeAllocator& other) noexcept : arena(other.arena) { arena->retain(); }
    template <class U>
    NodeAllocator(const NodeAllocator<U>& other) noexcept  // NOLINT: rebinding
        : arena(other.arena) {
        arena->retain();
    }
    NodeAllocator& operator=(const NodeAllocator&) = delete;
    ~NodeAllocator() { arena->release(); }

    T* allocate(std::size_t n) {
        return static_cast<T*>(arena->allocate(n * sizeof(T), alignof(T)));
    }
    void deallocate(T* /*p*/, std::size_t /*n*/) noexcept {}
    template <class U>
    bool operator==(const NodeAllocator<U>& other) const {
        return arena == other.arena;
    }
};

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
    // A new node: from the parse's arena, or (templates of JSON strings, parsed one string at a
    // time) from the heap.
    [[nodiscard]] std::shared_ptr<Expr> new_expr() const {
        if (!nodes_) return std::make_shared<Expr>();
        return std::allocate_shared<Expr>(*nodes_);
    }
    [[nodiscard]] std::shared_ptr<Expr> new_expr(const Expr& copy) const {
        if (!nodes_) return std::make_shared<Expr>(copy);
        return std::allocate_shared<Expr>(*nodes_, copy);
    }
    template <class T>
    ExprPtr make(T node, const Pos& begin) const {
        auto e = new_expr();
        e->node = std::move(node);
        e->range = range(begin, last_end_);
        return e;
    }

    [[nodiscard]] int peek(std::size_t k = 0) const;
    [[nodiscard]] bool starts(std::string_view t) const;
    void bump(std::size_t n);
    void bump_ascii(std::size_t n);
    // Whether the byte at the cursor can start trivia (spaces, comments; a newline where it
    // is a space): skip_trivia's test, inline, as most calls find none.
    [[nodiscard, gnu::always_inline]] bool at_trivia() const {
        if (p_.byte >= s_.size()) return false;
        const char c = s_[p_.byte];
        return c == ' ' || c == '\t' || c == '\r' || c == '#' || c == '/' ||
               (c == '\n' && !newlines_);
    }
    [[gnu::always_inline]] void skip_trivia() {
        // Spaces between tokens here; newlines and comments in skip_trivia_run().
        const char* d = s_.data();
        std::size_t i = p_.byte;
        while (i < s_.size() && (d[i] == ' ' || d[i] == '\t')) ++i;
        p_.column += static_cast<int>(i - p_.byte);
        p_.byte = i;
        if (at_trivia()) skip_trivia_run();
    }
    void skip_trivia_run();
    char32_t code_point(std::size_t k, int* len) const;
    [[nodiscard]] bool at_ident_start() const;
    std::string read_ident();
    void skip_newlines();
    void record_comment(const Pos& begin, const Pos& end);
    bool eat(std::string_view token);
    void expect(std::string_view token, std::string_view what);
    [[nodiscard]] std::string found() const;
    bool keyword_ahead(std::string_view word);
    void check_utf8() const;

    void parse_body(Body& body, bool nested);
    static void take_items(Body& from, Body& to);
    static void shrink_steps(const ExprPtr& e);
    void parse_item(Body& body, std::unordered_set<std::string>& names, bool one_line);
    void end_of_item(const char* what);
    std::string read_label_string();

    ExprPtr parse_expression_node();
    int binary_op(BinaryOp& op, std::size_t& len);
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
    std::optional<NodeAllocator<Expr>> nodes_;  // empty: nodes from the heap
    // Items of the bodies being parsed, one per nesting level: a body's vectors are made at
    // their final size once it is complete (no growth, no trimming).
    std::vector<std::unique_ptr<Body>> scratch_;
    std::size_t body_level_ = 0;
};

}  // namespace certlint::hcl::detail
