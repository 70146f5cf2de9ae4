// The HCL native-syntax parser (parse.hpp): one recursive-descent pass over the source text,
// lexing as it goes (HCL's lexing depends on where it is: a template inside a string, a
// heredoc, newlines that end an attribute but not inside brackets).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "base/utf8.hpp"
#include "hcl/detail.hpp"
#include "hcl/parse.hpp"

namespace certlint::hcl {

std::string ParseError::to_string() const {
    return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
           message;
}

namespace detail {

namespace {

bool is_space_cp(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

// Identifier characters. HCL takes Unicode's ID_Start and ID_Continue (plus `-`); without
// Unicode tables, a code point above U+007F counts as a letter unless it is in a block of
// spaces, punctuation or symbols (Latin-1 punctuation, General Punctuation, arrows and
// mathematical operators, CJK punctuation, specials).
bool non_ascii_letter(char32_t c) {
    if (c < 0x80) return false;
    if (c <= 0xBF) return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x206F) return false;
    if (c >= 0x2190 && c <= 0x2BFF) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    if (c == 0xFEFF || c >= 0xFFF0) return c > 0xFFFF;
    return true;
}

bool ascii_alpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_digit(int c) {
    return c >= '0' && c <= '9';
}

// ASCII identifier characters: letters, digits, `_` and `-`.
constexpr std::array<bool, 256> kIdentByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                         (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    return t;
}();

}  // namespace

NodeArena::~NodeArena() {
    for (void* b : blocks_) ::operator delete(b);
}

void* NodeArena::allocate(std::size_t size, std::size_t align) {
    std::size_t at = (used_ + align - 1) & ~(align - 1);
    if (current_ == nullptr || at + size > capacity_) {
        const std::size_t block = std::max(next_size_, size + align);
        current_ = static_cast<char*>(::operator new(block));
        blocks_.push_back(current_);
        capacity_ = block;
        next_size_ = std::min<std::size_t>(next_size_ * 2, 256 * 1024);
        at = 0;
    }
    used_ = at + size;
    return current_ + at;
}

Parser::Parser(File& file, const Options& options, const Range* fixed)
    : f_(file), s_(file.text), options_(options), fixed_(fixed) {
    if (fixed == nullptr) nodes_.emplace(new NodeArena());
}

// ---- positions and the cursor --------------------------------------------------------------

Range Parser::range(const Pos& begin, const Pos& end) const {
    if (fixed_ != nullptr) return *fixed_;
    return Range{&f_, begin, end};
}

void Parser::fail(const Pos& at, std::string message) const {
    throw Failure{fixed_ != nullptr ? fixed_->begin : at, std::move(message)};
}

int Parser::peek(std::size_t k) const {
    const std::size_t i = p_.byte + k;
    return i < s_.size() ? static_cast<unsigned char>(s_[i]) : -1;
}

bool Parser::starts(std::string_view t) const {
    if (t.size() == 1) return p_.byte < s_.size() && s_[p_.byte] == t[0];
    return t.size() <= s_.size() - p_.byte &&
           std::memcmp(s_.data() + p_.byte, t.data(), t.size()) == 0;
}

void Parser::bump(std::size_t n) {
    const std::size_t end = std::min(s_.size(), p_.byte + n);
    const char* d = s_.data();
    for (std::size_t i = p_.byte; i < end; ++i) {
        const auto c = static_cast<unsigned char>(d[i]);
        if (c == '\n') {
            ++p_.line;
            p_.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            // the column of the next character: counted at each code point's first byte
            ++p_.column;
        }
    }
    p_.byte = end;
}

// `n` bytes the caller knows are ASCII other than a newline (one column each).
void Parser::bump_ascii(std::size_t n) {
    p_.byte += n;
    p_.column += static_cast<int>(n);
}

char32_t Parser::code_point(std::size_t k, int* len) const {
    char32_t cp = 0;
    const std::size_t i = p_.byte + k;
    if (i >= s_.size()) {
        *len = 0;
        return 0;
    }
    const int n =
        decode_utf8(reinterpret_cast<const unsigned char*>(s_.data()) + i, s_.size() - i, cp);
    *len = n > 0 ? n : 1;
    return n > 0 ? cp : 0xFFFD;
}

bool Parser::at_ident_start() const {
    const int c = peek();
    if (c < 0) return false;
    if (ascii_alpha(c) || c == '_') return true;
    if (c < 0x80) return false;
    int len = 0;
    return non_ascii_letter(code_point(0, &len));
}

std::string Parser::read_ident() {
    const std::size_t start = p_.byte;
    const char* d = s_.data();
    while (p_.byte < s_.size()) {
        std::size_t i = p_.byte;
        while (i < s_.size() && kIdentByte[static_cast<unsigned char>(d[i])]) ++i;
        bump_ascii(i - p_.byte);
        const int c = peek();
        if (c < 0x80) break;
        int len = 0;
        const char32_t cp = code_point(0, &len);
        if (!non_ascii_letter(cp)) break;
        bump(static_cast<std::size_t>(len));
    }
    return s_.substr(start, p_.byte - start);
}

void Parser::skip_trivia_run() {
    const char* d = s_.data();
    const std::size_t size = s_.size();
    while (p_.byte < size) {
        const char c = d[p_.byte];
        if (c == ' ' || c == '\t' || c == '\r') {
            std::size_t i = p_.byte + 1;
            while (i < size && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r')) ++i;
            bump_ascii(i - p_.byte);
        } else if (c == '\n' && !newlines_) {
            ++p_.byte;
            ++p_.line;
            p_.column = 1;
        } else if (c == '#' || (c == '/' && peek(1) == '/')) {
            const Pos begin = p_;
            const void* nl = std::memchr(d + p_.byte, '\n', size - p_.byte);
            bump((nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - d)
                                : size) -
                 p_.byte);
            std::size_t end = p_.byte;
            Pos end_pos = p_;
            if (end > begin.byte && s_[end - 1] == '\r') {
                --end;
                end_pos.byte = end;
                --end_pos.column;
            }
            record_comment(begin, end_pos);
        } else if (c == '/' && peek(1) == '*') {
            const Pos begin = p_;
            const std::size_t close = s_.find("*/", p_.byte + 2);
            if (close == std::string::npos) fail(begin, "unterminated comment: expected \"*/\"");
            bump(close + 2 - p_.byte);
            record_comment(begin, p_);
        } else {
            break;
        }
    }
}

void Parser::skip_newlines() {
    const bool saved = newlines_;
    newlines_ = false;
    skip_trivia();
    newlines_ = saved;
}

void Parser::record_comment(const Pos& begin, const Pos& end) {
    if (fixed_ != nullptr || begin.byte < comments_end_) return;
    comments_end_ = end.byte;
    f_.comments.push_back(
        Comment{s_.substr(begin.byte, end.byte - begin.byte), Range{&f_, begin, end}});
}

bool Parser::eat(std::string_view token) {
    skip_trivia();
    if (!starts(token)) return false;
    bump(token.size());
    last_end_ = p_;
    return true;
}

void Parser::expect(std::string_view token, std::string_view what) {
    if (eat(token)) return;
    fail(p_, "expected " + std::string(what) + found());
}

std::string Parser::found() const {
    if (p_.byte >= s_.size()) return ", found the end of the file";
    const int c = peek();
    if (c == '\n') return ", found a newline";
    if (c < 0x20 || c == 0x7F) return ", found a control character";
    int len = 0;
    (void)code_point(0, &len);
    return ", found \"" + s_.substr(p_.byte, static_cast<std::size_t>(len)) + "\"";
}

bool Parser::keyword_ahead(std::string_view word) {
    skip_trivia();
    if (!starts(word)) return false;
    const std::size_t after = p_.byte + word.size();
    if (after < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[after]);
        if (ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '-' || c >= 0x80) return false;
    }
    return true;
}

void Parser::too_deep() const {
    fail(p_, "nesting too deep (more than " + std::to_string(options_.max_depth) + " levels)");
}

Parser::DepthGuard::DepthGuard(Parser& p) : p_(p) {
    if (++p_.depth_ > p_.options_.max_depth) p_.too_deep();
}

// ---- UTF-8 -------------------------------------------------------------------------------

void check_utf8(const std::string& s) {
    const auto* data = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes at a time.
        while (i + 8 <= s.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, data + i, sizeof word);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= s.size()) break;
        if (data[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int n = decode_utf8(data + i, s.size() - i, cp);
        if (n <= 0) {
            // The position, counted only now: everything before it is valid UTF-8.
            Pos pos;
            pos.byte = i;
            const std::size_t nl = s.rfind('\n', i == 0 ? 0 : i - 1);
            const std::size_t line_start = nl == std::string::npos || i == 0 ? 0 : nl + 1;
            pos.line =
                1 + static_cast<int>(std::count(
                        s.begin(), s.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
            for (std::size_t k = line_start; k < i; ++k) {
                if ((data[k] & 0xC0) != 0x80) ++pos.column;
            }
            throw Failure{pos, "invalid UTF-8"};
        }
        i += static_cast<std::size_t>(n);
    }
}

void Parser::check_utf8() const {
    detail::check_utf8(s_);
}

// ---- bodies --------------------------------------------------------------------------------

void Parser::parse_file_body() {
    check_utf8();
    if (starts("\xEF\xBB\xBF")) bump(3);  // a byte order mark
    newlines_ = true;
    Body& body = f_.body;
    body.range = range(p_, p_);
    parse_body(body, /*nested=*/false);
    body.range.end = p_;
}

void Parser::parse_body(Body& body, bool nested) {
    DepthGuard guard(*this);
    std::unordered_set<std::string> names;
    // A file's own body takes its items as they come: after a syntax error, the items before
    // it are there (--source-dir locations of a broken file).
    if (scratch_.size() <= body_level_) scratch_.push_back(std::make_unique<Body>());
    Body& items = nested ? *scratch_[body_level_] : body;
    ++body_level_;
    for (;;) {
        skip_newlines();
        if (p_.byte >= s_.size()) {
            if (nested) fail(p_, "expected \"}\" to close the block" + found());
            break;
        }
        if (peek() == '}') {
            if (nested) break;
            fail(p_, "expected an attribute name or a block type" + found());
        }
        parse_item(items, names, /*one_line=*/false);
    }
    --body_level_;
    if (nested) {
        take_items(items, body);
    } else {
        body.attributes.shrink_to_fit();
        body.blocks.shrink_to_fit();
    }
}

// The AST is kept while its module is used: a body's vectors are allocated at their size once
// complete, from the level's scratch body, which keeps its capacity for the next one.
void Parser::take_items(Body& from, Body& to) {
    to.attributes.reserve(from.attributes.size());
    std::move(from.attributes.begin(), from.attributes.end(), std::back_inserter(to.attributes));
    to.blocks.reserve(from.blocks.size());
    std::move(from.blocks.begin(), from.blocks.end(), std::back_inserter(to.blocks));
    from.attributes.clear();
    from.blocks.clear();
}

void Parser::shrink_steps(const ExprPtr& e) {
    // Only a traversal this parse built and nothing shares yet (see add_step).
    if (e.use_count() != 1) return;
    auto& node = std::const_pointer_cast<Expr>(e)->node;
    if (auto* st = std::get_if<ScopeTraversal>(&node)) st->steps.shrink_to_fit();
    if (auto* rt = std::get_if<RelativeTraversal>(&node)) rt->steps.shrink_to_fit();
}

// One attribute or block at the cursor. `one_line`: inside `type { ... }` on one line, where
// the item ends at the closing brace instead of a newline.
void Parser::parse_item(Body& body, std::unordered_set<std::string>& names, bool one_line) {
    if (!at_ident_start()) fail(p_, "expected an attribute name or a block type" + found());
    const Pos begin = p_;
    std::string name = read_ident();
    const Pos name_end = p_;
    last_end_ = p_;
    skip_trivia();
    if (peek() == '=' && peek(1) != '=') {
        bump(1);
        // Most bodies are small: a scan; a set once they are not.
        bool duplicate = false;
        if (body.attributes.size() < 16) {
            for (const Attribute& a : body.attributes) {
                if (a.name == name) {
                    duplicate = true;
                    break;
                }
            }
        } else {
            if (names.empty()) {
                for (const Attribute& a : body.attributes) names.insert(a.name);
            }
            duplicate = !names.insert(name).second;
        }
        if (duplicate) fail(begin, "duplicate attribute \"" + name + "\"");
        ExprPtr expr = parse_expression_node();
        Attribute attr{std::move(name), std::move(expr), range(begin, last_end_),
                       range(begin, name_end)};
        body.attributes.push_back(std::move(attr));
        skip_trivia();
        if (one_line && peek() == '}') return;
        end_of_item("attribute");
        return;
    }
    Block block;
    block.type = std::move(name);
    block.type_range = range(begin, name_end);
    for (;;) {
        skip_trivia();
        const Pos label_begin = p_;
        if (peek() == '"') {
            block.labels.push_back(read_label_string());
        } else if (at_ident_start()) {
            block.labels.push_back(read_ident());
        } else {
            break;
        }
        block.label_ranges.push_back(range(label_begin, p_));
    }
    if (peek() != '{') {
        fail(p_, std::string(block.labels.empty() ? "expected \"=\", a block label or \"{\""
                                                  : "expected a block label or \"{\"") +
                     found());
    }
    bump(1);
    block.body.range = range(p_, p_);
    skip_trivia();
    if (peek() == '\n' || p_.byte >= s_.size()) {
        parse_body(block.body, /*nested=*/true);
    } else if (peek() != '}') {
        // A one-line block: `type { name = value }`, at most one attribute.
        if (!at_ident_start()) fail(p_, "expected an attribute name or \"}\"" + found());
        std::unordered_set<std::string> inner;
        DepthGuard guard(*this);
        parse_item(block.body, inner, /*one_line=*/true);
        skip_trivia();
        if (!block.body.blocks.empty() || peek() != '}') {
            fail(p_, "expected \"}\": a block on one line holds at most one attribute" + found());
        }
    }
    block.body.range.end = p_;
    bump(1);  // '}'
    last_end_ = p_;
    block.range = range(begin, p_);
    body.blocks.push_back(std::move(block));
    skip_trivia();
    if (one_line) return;  // a block inside a one-line block is refused by the caller
    end_of_item("block");
}

void Parser::end_of_item(const char* what) {
    skip_trivia();
    if (p_.byte >= s_.size()) return;
    if (peek() == '\n') {
        bump(1);
        return;
    }
    if (peek() == '}') return;  // the enclosing body's end (checked there)
    fail(p_, std::string("expected a newline after the ") + what + found());
}

// A block label in quotes: a string without interpolations.
std::string Parser::read_label_string() {
    const Pos begin = p_;
    ExprPtr t = parse_quoted();
    const auto* tmpl = t->as<Template>();
    std::string out;
    for (const TemplatePart& part : tmpl->parts) {
        if (part.kind != TemplatePart::Kind::Literal) {
            fail(begin, "expected a block label without interpolations or directives");
        }
        out += part.text;
    }
    return out;
}

// ---- expressions ---------------------------------------------------------------------------

ExprPtr Parser::parse_expression_node() {
    DepthGuard guard(*this);
    skip_trivia();
    const Pos begin = p_;
    ExprPtr cond = parse_binary(0);
    skip_trivia();
    if (peek() != '?') return cond;
    bump(1);
    ExprPtr yes = parse_expression_node();
    expect(":", "\":\" in the conditional expression");
    ExprPtr no = parse_expression_node();
    return make(Conditional{std::move(cond), std::move(yes), std::move(no)}, begin);
}

// The binary operator at the cursor: its precedence level (0 `||`, 1 `&&`, 2 `==,!=`,
// 3 `<,>,<=,>=`, 4 `+,-`, 5 `*,/,%`) with the operator and its length; -1 when there is none.
int Parser::binary_op(BinaryOp& op, std::size_t& len) {
    skip_trivia();
    const int c = peek();
    const int d = peek(1);
    const auto is = [&](BinaryOp o, std::size_t n, int level) {
        op = o;
        len = n;
        return level;
    };
    switch (c) {
        case '|': return d == '|' ? is(BinaryOp::Or, 2, 0) : -1;
        case '&': return d == '&' ? is(BinaryOp::And, 2, 1) : -1;
        case '=': return d == '=' ? is(BinaryOp::Equal, 2, 2) : -1;
        case '!': return d == '=' ? is(BinaryOp::NotEqual, 2, 2) : -1;
        case '<':
            if (d == '=') return is(BinaryOp::LessOrEqual, 2, 3);
            return d != '<' ? is(BinaryOp::Less, 1, 3) : -1;
        case '>':
            if (d == '=') return is(BinaryOp::GreaterOrEqual, 2, 3);
            return is(BinaryOp::Greater, 1, 3);
        case '+': return is(BinaryOp::Add, 1, 4);
        case '-': return is(BinaryOp::Subtract, 1, 4);
        case '*': return is(BinaryOp::Multiply, 1, 5);
        case '/': return is(BinaryOp::Divide, 1, 5);
        case '%': return d != '{' ? is(BinaryOp::Modulo, 1, 5) : -1;
        default: return -1;
    }
}

// Operators of precedence `level` and above, by precedence climbing: the operators after an
// operand come in non-increasing levels (the right operand of one takes every operator above
// its level), and operators of one level associate to the left.
ExprPtr Parser::parse_binary(int level) {
    if (level > 5) return parse_unary();
    skip_trivia();
    const Pos begin = p_;
    ExprPtr lhs = parse_unary();
    BinaryOp op{};
    std::size_t len = 0;
    int chain = 0;
    int chain_level = -1;
    for (;;) {
        const int found = binary_op(op, len);
        if (found < level) break;
        if (found != chain_level) {
            chain_level = found;
            chain = 0;
        }
        // A chain `a + b + c ...` nests in its left operand: it counts as nesting.
        if (depth_ + ++chain > options_.max_depth) too_deep();
        bump(len);
        ExprPtr rhs = parse_binary(found + 1);
        lhs = make(Binary{op, std::move(lhs), std::move(rhs)}, begin);
    }
    return lhs;
}

ExprPtr Parser::parse_unary() {
    skip_trivia();
    const Pos begin = p_;
    const int c = peek();
    if ((c == '!' && peek(1) != '=') || c == '-') {
        DepthGuard guard(*this);
        bump(1);
        ExprPtr operand = parse_unary();
        if (c == '-') {
            // `-1` is the number -1, as HCL folds it.
            const auto* lit = operand->as<Literal>();
            if (lit != nullptr && lit->kind == Literal::Kind::Number &&
                lit->number_text.rfind('-', 0) != 0) {
                Literal neg = *lit;
                neg.number = -neg.number;
                neg.number_text = "-" + neg.number_text;
                return make(std::move(neg), begin);
            }
        }
        return make(Unary{c == '!' ? UnaryOp::Not : UnaryOp::Negate, std::move(operand)}, begin);
    }
    ExprPtr primary = parse_primary();
    return parse_postfix(std::move(primary), begin);
}

// Traversal steps, indexes and splats after an expression.
ExprPtr Parser::parse_postfix(ExprPtr base, const Pos& begin) {
    // Indexes and splats after each other nest the tree (`a[b][c]...`): they count as nesting.
    for (int chain = 0;; ++chain) {
        if (depth_ + chain > options_.max_depth) too_deep();
        skip_trivia();
        const int c = peek();
        if (c == '.' && peek(1) != '.') {  // not the `...` of an expanded argument
            if (peek(1) == '*') {
                bump(2);
                last_end_ = p_;
                base = parse_splat(std::move(base), begin, /*attribute_only=*/true);
                continue;
            }
            std::optional<Step> step = parse_dot_step();
            if (!step) fail(p_, "expected an attribute name after \".\"" + found());
            base = add_step(std::move(base), std::move(*step), begin);
            continue;
        }
        if (c == '[') {
            const Pos bracket = p_;
            bump(1);
            if (eat("*")) {
                expect("]", "\"]\" after \"[*\"");
                base = parse_splat(std::move(base), begin, /*attribute_only=*/false);
                continue;
            }
            base = parse_index(std::move(base), begin, bracket);
            continue;
        }
        shrink_steps(base);
        return base;
    }
}

// `.name` or the legacy `.0`, the cursor at the dot.
std::optional<Step> Parser::parse_dot_step() {
    const Pos dot = p_;
    bump(1);
    skip_trivia();
    Step step;
    if (ascii_digit(peek())) {
        const std::size_t start = p_.byte;
        while (ascii_digit(peek())) bump(1);
        step.kind = Step::Kind::Index;
        step.key.kind = Literal::Kind::Number;
        step.key.number_text = s_.substr(start, p_.byte - start);
        step.key.number = std::strtod(step.key.number_text.c_str(), nullptr);
        step.legacy_index = true;
    } else if (at_ident_start()) {
        step.kind = Step::Kind::Attr;
        step.name = read_ident();
    } else {
        return std::nullopt;
    }
    last_end_ = p_;
    step.range = range(dot, p_);
    return step;
}

// `[key]` after the opening bracket: a literal key is a traversal step, any other an Index.
ExprPtr Parser::parse_index(ExprPtr base, const Pos& begin, const Pos& bracket) {
    ExprPtr key;
    {
        NewlineGuard nl(*this, false);
        key = parse_expression_node();
        expect("]", "\"]\" to close the index");
    }
    if (std::optional<Literal> lit = literal_key(*key)) {
        Step step;
        step.kind = Step::Kind::Index;
        step.key = std::move(*lit);
        step.range = range(bracket, p_);
        return add_step(std::move(base), std::move(step), begin);
    }
    return make(Index{std::move(base), std::move(key)}, begin);
}

// The key of `[key]` when it is a literal number or string (a template of literal text).
std::optional<Literal> Parser::literal_key(const Expr& key) {
    if (const auto* lit = key.as<Literal>()) {
        if (lit->kind == Literal::Kind::Number || lit->kind == Literal::Kind::String) return *lit;
        return std::nullopt;
    }
    if (const auto* t = key.as<Template>()) {
        std::string text;
        for (const TemplatePart& part : t->parts) {
            if (part.kind != TemplatePart::Kind::Literal) return std::nullopt;
            text += part.text;
        }
        return Literal::of_string(std::move(text));
    }
    return std::nullopt;
}

ExprPtr Parser::add_step(ExprPtr base, Step step, const Pos& begin) {
    std::shared_ptr<Expr> out;
    if (base->is<ScopeTraversal>() || base->is<RelativeTraversal>()) {
        // A traversal this parse is building and nothing shares yet grows in place (it was
        // made non-const by make()); a shared one is copied.
        out = base.use_count() == 1 ? std::const_pointer_cast<Expr>(base) : new_expr(*base);
        if (auto* st = std::get_if<ScopeTraversal>(&out->node)) {
            st->steps.push_back(std::move(step));
        } else {
            std::get<RelativeTraversal>(out->node).steps.push_back(std::move(step));
        }
    } else {
        out = new_expr();
        out->node = RelativeTraversal{std::move(base), {std::move(step)}};
    }
    out->range = range(begin, last_end_);
    return out;
}

// After `[*]` or `.*`: the steps applied to each element.
ExprPtr Parser::parse_splat(ExprPtr source, const Pos& begin, bool attribute_only) {
    DepthGuard guard(*this);
    const Pos item_begin = last_end_;
    ExprPtr each = make(SplatItem{}, item_begin);
    for (;;) {
        skip_trivia();
        const int c = peek();
        if (c == '.' && peek(1) != '*' && peek(1) != '.') {
            std::optional<Step> step = parse_dot_step();
            if (!step) fail(p_, "expected an attribute name after \".\"" + found());
            each = add_step(std::move(each), std::move(*step), item_begin);
            continue;
        }
        if (attribute_only) break;
        if (c == '.' && peek(1) == '*') {
            bump(2);
            last_end_ = p_;
            each = parse_splat(std::move(each), item_begin, true);
            continue;
        }
        if (c == '[') {
            const Pos bracket = p_;
            bump(1);
            if (eat("*")) {
                expect("]", "\"]\" after \"[*\"");
                each = parse_splat(std::move(each), item_begin, false);
                break;
            }
            each = parse_index(std::move(each), item_begin, bracket);
            continue;
        }
        break;
    }
    return make(Splat{std::move(source), std::move(each), attribute_only}, begin);
}

ExprPtr Parser::parse_primary() {
    skip_trivia();
    const Pos begin = p_;
    const int c = peek();
    if (c < 0) fail(p_, "expected an expression" + found());
    if (ascii_digit(c)) return parse_number();
    if (c == '"') return parse_quoted();
    if (c == '<' && peek(1) == '<') return parse_heredoc();
    if (c == '(') {
        bump(1);
        ExprPtr inner;
        {
            NewlineGuard nl(*this, false);
            inner = parse_expression_node();
            expect(")", "\")\" to close the parenthesis");
        }
        return make(Parens{std::move(inner)}, begin);
    }
    if (c == '[') return parse_tuple();
    if (c == '{') return parse_object();
    if (!at_ident_start()) fail(p_, "expected an expression" + found());
    std::string name = read_ident();
    const Pos name_end = p_;
    last_end_ = p_;
    if (name == "true" || name == "false") return make(Literal::of_bool(name == "true"), begin);
    if (name == "null") return make(Literal::null_value(), begin);
    skip_trivia();
    while (starts("::")) {
        bump(2);
        skip_trivia();
        if (!at_ident_start()) fail(p_, "expected a function name after \"::\"" + found());
        name += "::" + read_ident();
        last_end_ = p_;
        skip_trivia();
        if (peek() != '(' && !starts("::")) {
            fail(p_, "expected \"(\" after the function name" + found());
        }
    }
    if (peek() == '(') return parse_call(std::move(name), begin, name_end);
    return make(ScopeTraversal{std::move(name), {}}, begin);
}

ExprPtr Parser::parse_number() {
    const Pos begin = p_;
    const std::size_t start = p_.byte;
    while (ascii_digit(peek())) bump(1);
    if (peek() == '.' && ascii_digit(peek(1))) {
        bump(1);
        while (ascii_digit(peek())) bump(1);
    }
    if (peek() == 'e' || peek() == 'E') {
        const int sign = peek(1);
        const std::size_t digits = (sign == '+' || sign == '-') ? 2 : 1;
        if (ascii_digit(peek(digits))) {
            bump(digits);
            while (ascii_digit(peek())) bump(1);
        }
    }
    last_end_ = p_;
    Literal lit;
    lit.kind = Literal::Kind::Number;
    lit.number_text = s_.substr(start, p_.byte - start);
    lit.number = std::strtod(lit.number_text.c_str(), nullptr);
    return make(std::move(lit), begin);
}

ExprPtr Parser::parse_call(std::string name, const Pos& begin, const Pos& name_end) {
    FunctionCall call;
    call.name = std::move(name);
    call.name_range = range(begin, name_end);
    bump(1);  // '('
    NewlineGuard nl(*this, false);
    if (!eat(")")) {
        for (;;) {
            call.args.push_back(parse_expression_node());
            if (eat("...")) {
                call.expand_final = true;
                expect(")", "\")\" after the expanded final argument");
                break;
            }
            if (eat(",")) {
                if (eat(")")) break;
                continue;
            }
            expect(")", "\",\" or \")\" in the function call");
            break;
        }
    }
    call.args.shrink_to_fit();
    return make(std::move(call), begin);
}

bool Parser::for_ahead() {
    if (!keyword_ahead("for")) return false;
    const Pos saved = p_;
    const std::size_t comments = f_.comments.size();
    const std::size_t comments_end = comments_end_;
    bump(3);
    skip_trivia();
    const bool yes = at_ident_start();
    p_ = saved;
    f_.comments.resize(comments);
    comments_end_ = comments_end;
    return yes;
}

ExprPtr Parser::parse_tuple() {
    const Pos begin = p_;
    bump(1);  // '['
    NewlineGuard nl(*this, false);
    if (for_ahead()) return parse_for(begin, /*object=*/false);
    Tuple tuple;
    if (!eat("]")) {
        for (;;) {
            tuple.items.push_back(parse_expression_node());
            if (eat(",")) {
                if (eat("]")) break;
                continue;
            }
            expect("]", "\",\" or \"]\" in the tuple");
            break;
        }
    }
    tuple.items.shrink_to_fit();
    return make(std::move(tuple), begin);
}

ExprPtr Parser::parse_object() {
    const Pos begin = p_;
    bump(1);  // '{'
    {
        NewlineGuard nl(*this, false);
        if (for_ahead()) return parse_for(begin, /*object=*/true);
    }
    NewlineGuard nl(*this, true);
    Object object;
    for (;;) {
        skip_newlines();
        if (peek() == '}') {
            bump(1);
            break;
        }
        if (p_.byte >= s_.size()) fail(p_, "expected \"}\" to close the object" + found());
        ObjectItem item;
        const Pos key_begin = p_;
        if (at_ident_start()) {
            // A bare identifier is the literal key, unless more follows it (`a.b = 1`).
            const Pos saved = p_;
            std::string name = read_ident();
            const Pos key_end = p_;
            skip_trivia();
            if ((peek() == '=' && peek(1) != '=') || peek() == ':') {
                last_end_ = key_end;
                item.key = make(Literal::of_string(std::move(name)), key_begin);
                item.bare_key = true;
            } else {
                p_ = saved;
            }
        }
        if (!item.key) {
            NewlineGuard inner(*this, false);
            item.key = parse_expression_node();
        }
        skip_trivia();
        if ((peek() == '=' && peek(1) != '=') || peek() == ':') {
            bump(1);
        } else {
            fail(p_, "expected \"=\" or \":\" after the object key" + found());
        }
        item.value = parse_expression_node();
        object.items.push_back(std::move(item));
        skip_trivia();
        if (peek() == ',') {
            bump(1);
        } else if (peek() == '\n') {
            bump(1);
        } else if (peek() != '}') {
            fail(p_, "expected \",\", a newline or \"}\" after the object item" + found());
        }
    }
    last_end_ = p_;
    object.items.shrink_to_fit();
    return make(std::move(object), begin);
}

// `for k, v in coll : ...` after the opening bracket; the cursor at `for`.
ExprPtr Parser::parse_for(const Pos& begin, bool object) {
    NewlineGuard nl(*this, false);
    For f;
    f.object = object;
    bump(3);  // for
    skip_trivia();
    f.value_var = read_ident();
    if (eat(",")) {
        skip_trivia();
        if (!at_ident_start()) fail(p_, "expected a variable name after \",\"" + found());
        f.key_var = std::move(f.value_var);
        f.value_var = read_ident();
    }
    if (!keyword_ahead("in")) fail(p_, "expected \"in\" after the for variables" + found());
    bump(2);
    f.collection = parse_expression_node();
    expect(":", "\":\" after the for collection");
    if (object) {
        f.key = parse_expression_node();
        expect("=>", "\"=>\" after the key of the for expression");
    }
    f.value = parse_expression_node();
    if (object && eat("...")) f.grouping = true;
    if (keyword_ahead("if")) {
        bump(2);
        f.condition = parse_expression_node();
    }
    if (object) {
        expect("}", "\"}\" to close the for expression");
    } else {
        expect("]", "\"]\" to close the for expression");
    }
    return make(std::move(f), begin);
}

// ---- templates -----------------------------------------------------------------------------

ExprPtr Parser::parse_quoted() {
    const Pos begin = p_;
    // Most strings are plain text (no escape, interpolation or directive): one literal part,
    // as template_tokens and build_template would make it, without their token list.
    std::size_t end = p_.byte + 1;
    while (end < s_.size()) {
        const char c = s_[end];
        if (c == '"' || c == '\n' || c == '\\' || c == '$' || c == '%') break;
        ++end;
    }
    if (end < s_.size() && s_[end] == '"' && fixed_ == nullptr) {
        bump(1);  // '"'
        const Pos text_begin = p_;
        bump(end - p_.byte);
        Template t;
        TemplatePart part;
        if (p_.byte > text_begin.byte) {
            part.text = s_.substr(text_begin.byte, p_.byte - text_begin.byte);
            part.range = range(text_begin, p_);
        } else {
            part.range = range(begin, begin);
        }
        t.parts.push_back(std::move(part));
        bump(1);  // '"'
        last_end_ = p_;
        DepthGuard guard(*this);  // where build_parts counts the template's nesting
        return make(std::move(t), begin);
    }
    bump(1);  // '"'
    std::vector<Token> tokens = template_tokens(TemplateMode::Quoted, {});
    bump(1);  // '"'
    last_end_ = p_;
    Template t;
    t.parts = build_template(std::move(tokens), begin);
    return make(std::move(t), begin);
}

ExprPtr Parser::parse_heredoc() {
    const Pos begin = p_;
    bump(2);  // <<
    const bool flush = peek() == '-';
    if (flush) bump(1);
    if (!at_ident_start()) fail(p_, "expected a heredoc marker after \"<<\"" + found());
    const std::string marker = read_ident();
    if (peek() == '\r' && peek(1) == '\n') bump(1);
    if (peek() != '\n') fail(p_, "expected a newline after the heredoc marker" + found());
    bump(1);
    std::vector<Token> tokens = template_tokens(TemplateMode::Heredoc, marker);
    // The cursor is at the start of the closing line.
    while (peek() == ' ' || peek() == '\t') bump(1);
    bump(marker.size());
    last_end_ = p_;
    if (flush) flush_heredoc(tokens);
    Template t;
    t.heredoc = true;
    t.parts = build_template(std::move(tokens), begin);
    return make(std::move(t), begin);
}

// Whether the line at the cursor closes the heredoc: optional spaces, the marker, the end of
// the line.
bool Parser::heredoc_end_here(const std::string& marker) const {
    std::size_t i = p_.byte;
    while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t')) ++i;
    if (s_.compare(i, marker.size(), marker) != 0) return false;
    i += marker.size();
    if (i < s_.size() && s_[i] == '\r') ++i;
    return i >= s_.size() || s_[i] == '\n';
}

// The flat sequence of a template's pieces, up to (not including) its end: the closing quote
// (Quoted), the closing marker line (Heredoc) or the end of the text (Bare).
std::vector<Parser::Token> Parser::template_tokens(TemplateMode mode, const std::string& marker) {
    std::vector<Token> tokens;
    NewlineGuard nl(*this, false);
    std::string text;
    Pos text_begin = p_;
    bool line_start = true;
    bool trim_next = false;
    auto flush_text = [&](bool force) {
        if (text.empty() && !force) return;
        Token t;
        t.kind = Token::Literal;
        t.text = std::move(text);
        t.range = range(text_begin, p_);
        if (trim_next) {
            const auto first = std::find_if(t.text.begin(), t.text.end(), [](char ch) {
                return !is_space_cp(static_cast<unsigned char>(ch));
            });
            t.text.erase(t.text.begin(), first);
            trim_next = false;
        }
        tokens.push_back(std::move(t));
        text.clear();
    };
    for (;;) {
        if (mode == TemplateMode::Heredoc && line_start) {
            if (p_.byte >= s_.size()) {
                fail(p_, "expected the heredoc marker \"" + marker + "\" to close the heredoc" +
                             found());
            }
            if (heredoc_end_here(marker)) break;
            line_start = false;
        }
        if (p_.byte >= s_.size()) {
            if (mode == TemplateMode::Quoted)
                fail(p_, "expected \"\\\"\" to close the string" + found());
            break;
        }
        const int c = peek();
        if (mode == TemplateMode::Quoted && c == '"') break;
        if (mode == TemplateMode::Quoted && c == '\n') {
            fail(p_, "expected \"\\\"\" to close the string" + found());
        }
        if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
            if (text.empty()) text_begin = p_;
            text.push_back(static_cast<char>(c));
            text.push_back('{');
            bump(3);
            continue;
        }
        if ((c == '$' || c == '%') && peek(1) == '{') {
            flush_text(false);
            const Pos seq_begin = p_;
            bump(2);
            Token t;
            t.strip_before = peek() == '~';
            if (t.strip_before) bump(1);
            if (t.strip_before && !tokens.empty() && tokens.back().kind == Token::Literal) {
                std::string& prev = tokens.back().text;
                while (!prev.empty() && is_space_cp(static_cast<unsigned char>(prev.back()))) {
                    prev.pop_back();
                }
            }
            if (c == '$') {
                t.kind = Token::Interpolation;
                t.expr = parse_expression_node();
            } else {
                directive(t);
            }
            skip_trivia();
            if (peek() == '~' && peek(1) == '}') {
                t.strip_after = true;
                bump(1);
            }
            if (peek() != '}') {
                fail(p_, std::string(c == '$' ? "expected \"}\" to close the interpolation"
                                              : "expected \"}\" to close the directive") +
                             found());
            }
            bump(1);
            t.range = range(seq_begin, p_);
            trim_next = t.strip_after;
            tokens.push_back(std::move(t));
            text_begin = p_;
            continue;
        }
        if (text.empty()) text_begin = p_;
        {
            // A run of plain ASCII text, appended at once.
            const char* d = s_.data();
            std::size_t j = p_.byte;
            while (j < s_.size()) {
                const auto b = static_cast<unsigned char>(d[j]);
                if (b == '$' || b == '%' || b == '\\' || b == '"' || b == '\n' || b >= 0x80) break;
                ++j;
            }
            if (j > p_.byte) {
                text.append(d + p_.byte, j - p_.byte);
                bump_ascii(j - p_.byte);
                continue;
            }
        }
        if (mode == TemplateMode::Quoted && c == '\\') {
            escape(text);
            continue;
        }
        if (c == '\n') {
            text.push_back('\n');
            bump(1);
            if (mode == TemplateMode::Heredoc) {
                flush_text(true);  // a heredoc's literal text is one piece per line
                text_begin = p_;
                line_start = true;
            }
            continue;
        }
        int len = 0;
        (void)code_point(0, &len);
        text.append(s_, p_.byte, static_cast<std::size_t>(len));
        bump(static_cast<std::size_t>(len));
    }
    flush_text(false);
    return tokens;
}

// A backslash escape of a quoted string, the cursor at the backslash.
void Parser::escape(std::string& out) {
    const Pos at = p_;
    const int c = peek(1);
    switch (c) {
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case 'u':
        case 'U': {
            const std::size_t digits = c == 'u' ? 4 : 8;
            std::uint32_t cp = 0;
            for (std::size_t k = 0; k < digits; ++k) {
                const int h = peek(2 + k);
                int v = -1;
                if (h >= '0' && h <= '9') v = h - '0';
                if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
                if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
                if (v < 0) {
                    fail(at, "expected " + std::to_string(digits) +
                                 " hexadecimal digits in the \\" + static_cast<char>(c) +
                                 " escape");
                }
                cp = cp * 16 + static_cast<std::uint32_t>(v);
            }
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail(at, "invalid Unicode code point in the escape");
            }
            append_utf8(out, cp);
            bump(2 + digits);
            return;
        }
        default:
            fail(at, "invalid escape sequence: expected \\n, \\r, \\t, \\\", \\\\, \\u or \\U");
    }
    bump(2);
}

// The inside of `%{ ... }` up to the closing brace.
void Parser::directive(Token& t) {
    skip_trivia();
    const Pos kw_begin = p_;
    const std::string kw = at_ident_start() ? read_ident() : std::string();
    if (kw == "if") {
        t.kind = Token::If;
        t.expr = parse_expression_node();
    } else if (kw == "else") {
        t.kind = Token::Else;
    } else if (kw == "endif") {
        t.kind = Token::EndIf;
    } else if (kw == "endfor") {
        t.kind = Token::EndFor;
    } else if (kw == "for") {
        t.kind = Token::For;
        skip_trivia();
        if (!at_ident_start()) fail(p_, "expected a variable name after \"for\"" + found());
        t.value_var = read_ident();
        if (eat(",")) {
            skip_trivia();
            if (!at_ident_start()) fail(p_, "expected a variable name after \",\"" + found());
            t.key_var = std::move(t.value_var);
            t.value_var = read_ident();
        }
        if (!keyword_ahead("in")) fail(p_, "expected \"in\" after the for variables" + found());
        bump(2);
        t.expr = parse_expression_node();
    } else {
        p_ = kw_begin;
        fail(p_, "expected if, else, endif, for or endfor after \"%{\"" + found());
    }
}

// `<<-`: removes the smallest indentation of the lines from every line, as HCL does (lines
// of spaces only do not count, and keep their spaces).
void Parser::flush_heredoc(std::vector<Token>& tokens) {
    std::size_t min_spaces = std::string::npos;
    std::vector<Token*> adjust;
    bool newline = true;
    for (Token& t : tokens) {
        if (newline) {
            newline = false;
            std::size_t spaces = 0;
            if (t.kind == Token::Literal) {
                std::size_t bytes = 0;
                std::size_t chars = 0;
                while (bytes < t.text.size()) {
                    int len = 0;
                    char32_t cp = 0;
                    const int n =
                        decode_utf8(reinterpret_cast<const unsigned char*>(t.text.data()) + bytes,
                                    t.text.size() - bytes, cp);
                    len = n > 0 ? n : 1;
                    if (!is_space_cp(cp)) break;
                    bytes += static_cast<std::size_t>(len);
                    ++chars;
                }
                if (bytes == t.text.size() && !t.text.empty() && t.text.back() == '\n') {
                    spaces = std::string::npos;
                } else {
                    spaces = chars;
                    adjust.push_back(&t);
                }
            }
            min_spaces = std::min(min_spaces, spaces);
        }
        if (t.kind == Token::Literal && !t.text.empty() && t.text.back() == '\n') newline = true;
    }
    if (min_spaces == std::string::npos || min_spaces == 0) return;
    for (Token* t : adjust) {
        std::size_t bytes = 0;
        for (std::size_t k = 0; k < min_spaces && bytes < t->text.size(); ++k) {
            char32_t cp = 0;
            const int n =
                decode_utf8(reinterpret_cast<const unsigned char*>(t->text.data()) + bytes,
                            t->text.size() - bytes, cp);
            bytes += static_cast<std::size_t>(n > 0 ? n : 1);
        }
        t->text.erase(0, bytes);
    }
}

// The flat tokens as nested parts: %{if}/%{else}/%{endif} and %{for}/%{endfor} enclose
// theirs; adjacent literal text is joined.
std::vector<TemplatePart> Parser::build_template(std::vector<Token> tokens, const Pos& begin) {
    std::size_t i = 0;
    std::vector<TemplatePart> parts = build_parts(tokens, i, nullptr);
    if (parts.empty()) {
        TemplatePart empty;
        empty.range = range(begin, begin);
        parts.push_back(std::move(empty));
    }
    return parts;
}

std::vector<TemplatePart> Parser::build_parts(std::vector<Token>& tokens, std::size_t& i,
                                              const Token* open) {
    DepthGuard guard(*this);
    std::vector<TemplatePart> parts;
    auto add_literal = [&](Token& t) {
        if (!parts.empty() && parts.back().kind == TemplatePart::Kind::Literal) {
            parts.back().text += t.text;
            parts.back().range.end = t.range.end;
            return;
        }
        TemplatePart part;
        part.kind = TemplatePart::Kind::Literal;
        part.text = std::move(t.text);
        part.range = t.range;
        parts.push_back(std::move(part));
    };
    while (i < tokens.size()) {
        Token& t = tokens[i];
        switch (t.kind) {
            case Token::Literal:
                ++i;
                if (!t.text.empty()) add_literal(t);
                break;
            case Token::Interpolation: {
                ++i;
                TemplatePart part;
                part.kind = TemplatePart::Kind::Interpolation;
                part.expr = std::move(t.expr);
                part.range = t.range;
                part.strip_before = t.strip_before;
                part.strip_after = t.strip_after;
                parts.push_back(std::move(part));
                break;
            }
            case Token::If: {
                ++i;
                TemplatePart part;
                part.kind = TemplatePart::Kind::If;
                part.expr = std::move(t.expr);
                part.range = t.range;
                part.strip_before = t.strip_before;
                part.strip_after = t.strip_after;
                part.body = build_parts(tokens, i, &t);
                if (i < tokens.size() && tokens[i].kind == Token::Else) {
                    part.has_else = true;
                    ++i;
                    part.else_body = build_parts(tokens, i, &t);
                }
                // build_parts stopped at %{endif} (else it failed)
                part.range.end = tokens[i].range.end;
                ++i;
                parts.push_back(std::move(part));
                break;
            }
            case Token::For: {
                ++i;
                TemplatePart part;
                part.kind = TemplatePart::Kind::For;
                part.expr = std::move(t.expr);
                part.key_var = t.key_var;
                part.value_var = t.value_var;
                part.range = t.range;
                part.strip_before = t.strip_before;
                part.strip_after = t.strip_after;
                part.body = build_parts(tokens, i, &t);
                part.range.end = tokens[i].range.end;
                ++i;
                parts.push_back(std::move(part));
                break;
            }
            case Token::Else:
            case Token::EndIf:
            case Token::EndFor: {
                const char* name = t.kind == Token::Else    ? "%{else}"
                                   : t.kind == Token::EndIf ? "%{endif}"
                                                            : "%{endfor}";
                const bool fits =
                    open != nullptr &&
                    (open->kind == Token::If ? t.kind != Token::EndFor : t.kind == Token::EndFor);
                if (!fits) {
                    fail(t.range.begin,
                         std::string("unexpected ") + name +
                             (open == nullptr ? " without an opening directive" : " here"));
                }
                parts.shrink_to_fit();
                return parts;
            }
        }
    }
    if (open != nullptr) {
        fail(open->range.begin,
             std::string("expected ") + (open->kind == Token::If ? "%{endif}" : "%{endfor}") +
                 " to close this " + (open->kind == Token::If ? "%{if}" : "%{for}"));
    }
    parts.shrink_to_fit();
    return parts;
}

// ---- entry points --------------------------------------------------------------------------

void Parser::parse_whole_expression() {
    check_utf8();
    newlines_ = false;
    f_.expr = parse_expression_node();
    skip_trivia();
    if (p_.byte < s_.size()) fail(p_, "expected the end of the expression" + found());
}

void Parser::parse_whole_template() {
    if (fixed_ == nullptr) check_utf8();
    const Pos begin = p_;
    std::vector<Token> tokens = template_tokens(TemplateMode::Bare, {});
    Template t;
    t.parts = build_template(std::move(tokens), begin);
    last_end_ = p_;
    f_.expr = make(std::move(t), begin);
}

void Parser::parse_whole_traversal() {
    check_utf8();
    newlines_ = false;
    skip_trivia();
    const Pos begin = p_;
    if (!at_ident_start()) fail(p_, "expected a name" + found());
    ScopeTraversal st;
    st.root = read_ident();
    last_end_ = p_;
    for (;;) {
        skip_trivia();
        if (peek() == '.') {
            std::optional<Step> step = parse_dot_step();
            if (!step) fail(p_, "expected an attribute name after \".\"" + found());
            st.steps.push_back(std::move(*step));
        } else if (peek() == '[') {
            const Pos bracket = p_;
            bump(1);
            ExprPtr key = parse_expression_node();
            expect("]", "\"]\" to close the index");
            std::optional<Literal> lit = literal_key(*key);
            if (!lit) fail(bracket, "expected a literal index key");
            Step step;
            step.kind = Step::Kind::Index;
            step.key = std::move(*lit);
            step.range = range(bracket, p_);
            st.steps.push_back(std::move(step));
        } else {
            break;
        }
    }
    if (p_.byte < s_.size()) fail(p_, "expected the end of the traversal" + found());
    f_.expr = make(std::move(st), begin);
}

}  // namespace detail

namespace {

template <class F>
std::optional<ParseError> run(File& file, const Options& options, F&& f) {
    detail::Parser parser(file, options, nullptr);
    try {
        f(parser);
    } catch (const detail::Failure& failure) {
        return ParseError{file.name, failure.pos, failure.message};
    }
    return std::nullopt;
}

}  // namespace

std::optional<ParseError> parse_native(File& file, const Options& options) {
    file.body = Body{};
    file.comments.clear();
    return run(file, options, [](detail::Parser& p) { p.parse_file_body(); });
}

std::optional<ParseError> parse_expression(File& file, const Options& options) {
    return run(file, options, [](detail::Parser& p) { p.parse_whole_expression(); });
}

std::optional<ParseError> parse_template(File& file, const Options& options) {
    return run(file, options, [](detail::Parser& p) { p.parse_whole_template(); });
}

std::optional<ParseError> parse_traversal(File& file, const Options& options) {
    return run(file, options, [](detail::Parser& p) { p.parse_whole_traversal(); });
}

}  // namespace certlint::hcl
