package io.channelshift.provider.wechat;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends the SDK's requests to another base URL without touching SDK code. The SDK signs the path
 * and query, not the host, so the signature still holds; only scheme, host and port change.
 */
final class GatewayRedirect implements Interceptor {

  private final HttpUrl target;

  GatewayRedirect(String baseUrl) {
    this.target = HttpUrl.get(baseUrl);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url =
        chain
            .request()
            .url()
            .newBuilder()
            .scheme(target.scheme())
            .host(target.host())
            .port(target.port())
            .build();
    return chain.proceed(chain.request().newBuilder().url(url).build());
  }
}
