package io.channelshift.starter.security;

import java.security.Principal;

/**
 * Who asks, as timelines and resolutions record it: the API key's name, with the person the client
 * names in the {@code X-ChannelShift-User} header (or in the body), control characters replaced.
 */
public final class Requester {

  /** The request header that names the person behind an API key. */
  public static final String USER_HEADER = "X-ChannelShift-User";

  private Requester() {}

  public static String who(Principal key, String header, String fromBody) {
    String person = header != null && !header.isBlank() ? header : fromBody;
    String keyName = key == null ? "no key" : key.getName();
    return person == null || person.isBlank()
        ? "key " + keyName
        : person.strip().replaceAll("\\p{Cntrl}", "?") + " (key " + keyName + ")";
  }
}
