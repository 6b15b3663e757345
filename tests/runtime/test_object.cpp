// object.hpp: references counted as Python's are, `T | None` of an instance as one pointer, and
// Borrow / borrow_assign (opt/borrow.cpp's loops that walk fields uncounted) leaving every count
// as counted code would, however the loop is left.
#include <optional>
#include <stdexcept>

#include <pyrite/object.hpp>

#include "check.hpp"

using pyrite::Ref;

struct Node : pyrite::Object {
    int value = 0;
    std::optional<Ref<Node>> next;
    static inline int alive = 0;
    Node() { ++alive; }
    ~Node() override { --alive; }
};
struct Special final : Node {};

// head -> ... -> tail: n nodes, values 0..n-1
static Ref<Node> chain(int n) {
    std::optional<Ref<Node>> next;
    for (int v = n - 1; v >= 0; --v) {
        Ref<Node> node(v % 3 == 2 ? new Special : new Node);
        node->value = v;
        node->next = next;
        next = node;
    }
    return *next;
}

// while node.next is not None and node.next.value < stop: node = node.next  (walked uncounted);
// then found = node, read after the loop
static Ref<Node> walk(Ref<Node> node, int stop, bool raise_at_end) {
    Ref<Node> found;
    {
        pyrite::Borrow<Ref<Node>> keep(node);
        while (node->next && (*node->next)->value < stop) pyrite::borrow_assign(node, *node->next);
        found = node;  // a copy: counted (a `return node` here would move the uncounted pointer out: opt/borrow.cpp
                       // walks no loop that returns its variable)
        if (raise_at_end) throw std::runtime_error("left by an exception");
    }
    return found;
}

int main() {
    // `T | None` of an instance is its pointer alone
    static_assert(sizeof(std::optional<Ref<Node>>) == sizeof(void*));
    std::optional<Ref<Node>> none;
    CHECK(!none && !none.has_value());
    none = Ref<Node>(new Node);
    CHECK(none.has_value() && Node::alive == 1 && (*none)->refs == 1);
    std::optional<Ref<Node>> copy = none;
    CHECK((*none)->refs == 2);
    copy = std::nullopt;
    CHECK((*none)->refs == 1 && !copy);
    std::optional<Ref<Node>> from_sub = Ref<Special>(new Special);  // a subclass where its base is expected
    CHECK(from_sub && Node::alive == 2);
    from_sub.reset();
    none.reset();
    CHECK(Node::alive == 0);

    {
        Ref<Node> head = chain(10);
        CHECK(Node::alive == 10 && head->refs == 1);
        Ref<Node> found = walk(head, 7, false);  // stops at 6
        CHECK(found->value == 6 && found->refs == 2 && head->refs == 1);
        CHECK(head->refs == 1 && (*head->next)->refs == 1);
        bool raised = false;
        try {
            walk(head, 5, true);
        } catch (const std::runtime_error&) {
            raised = true;
        }
        CHECK(raised && head->refs == 1 && found->refs == 2 && Node::alive == 10);
        // walking an optional variable to the end (None), then past the variable's scope
        std::optional<Ref<Node>> node = head;
        {
            pyrite::Borrow<std::optional<Ref<Node>>> keep(node);
            while (node) pyrite::borrow_assign(node, (*node)->next);
        }
        CHECK(!node && head->refs == 1);
        node = head;
        {
            pyrite::Borrow<std::optional<Ref<Node>>> keep(node);
            pyrite::borrow_assign(node, (*node)->next);
            pyrite::borrow_assign(node, pyrite::none_t{});
            pyrite::borrow_assign(node, *(*head->next)->next);  // a Special, as a Node
        }
        CHECK(node && (*node)->value == 2 && (*node)->refs == 2 && head->refs == 1);
    }
    CHECK(Node::alive == 0);
    std::printf("%d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
