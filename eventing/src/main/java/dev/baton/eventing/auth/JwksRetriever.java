package dev.baton.eventing.auth;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * Fetches the issuer's keys. The Kubernetes API server serves its JWKS only to authenticated callers and
 * under the cluster's own CA, so the pod's service account token and CA can be given; the token file is
 * re-read on every fetch because the kubelet rotates it.
 */
final class JwksRetriever implements ResourceRetriever {
    private final HttpClient client;
    private final Path tokenFile;

    JwksRetriever(String caFile, String tokenFile) {
        this.tokenFile = tokenFile == null ? null : Path.of(tokenFile);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (caFile != null) {
            builder.sslContext(trusting(Path.of(caFile)));
        }
        this.client = builder.build();
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.toURI()).timeout(Duration.ofSeconds(5)).GET();
            if (tokenFile != null) {
                request.header("Authorization", "Bearer " + Files.readString(tokenFile).trim());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("JWKS " + url + " answered " + response.statusCode());
            }
            return new Resource(response.body(), response.headers().firstValue("Content-Type").orElse(null));
        } catch (URISyntaxException e) {
            throw new IOException("not a URI: " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + url, e);
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
