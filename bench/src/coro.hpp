// A minimal C++20 generator (what std::generator does in C++23): the
// coroutine frame is heap-allocated once, each round trip is a resume() and a
// co_yield suspension.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

template <typename T> class Generator {
public:
    struct promise_type {
        T value{};
        Generator get_return_object() {
            return Generator{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        std::suspend_always yield_value(T v) noexcept {
            value = v;
            return {};
        }
        void return_void() noexcept {}
        void unhandled_exception() { std::terminate(); }
    };
    struct sentinel {};
    struct iterator {
        std::coroutine_handle<promise_type> h;
        iterator &operator++() {
            h.resume();
            return *this;
        }
        T operator*() const { return h.promise().value; }
        bool operator==(sentinel) const { return h.done(); }
    };
    explicit Generator(std::coroutine_handle<promise_type> h) : h_(h) {}
    Generator(Generator &&o) noexcept : h_(std::exchange(o.h_, {})) {}
    Generator(const Generator &) = delete;
    ~Generator() {
        if (h_) h_.destroy();
    }
    iterator begin() {
        h_.resume();
        return iterator{h_};
    }
    sentinel end() { return {}; }

private:
    std::coroutine_handle<promise_type> h_;
};
