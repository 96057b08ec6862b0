package io.channelshift.app.demo;

/** One demo scenario: what was expected, what happened, and whether they agree. */
public record ScenarioResult(String name, String expected, String actual, boolean ok) {}
