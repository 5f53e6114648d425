package io.tidegate.translator.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks PEM material the way Envoy will load it, with the JDK alone, so that a bad Secret becomes a
 * diagnostic instead of an SDS update Envoy rejects: certificates must parse, the private key
 * (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted) must parse and belong to the first certificate, and
 * the key type must be one Envoy serves (RSA of at least 2048 bits, ECDSA on P-256, P-384 or P-521).
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^[A-Za-z-]+:.*$");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    record Block(String type, byte[] der, boolean encrypted) { }

    private Pem() {
    }

    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type: 4,ENCRYPTED");
            try {
                byte[] der = Base64.getMimeDecoder().decode(HEADER_LINE.matcher(body).replaceAll(""));
                out.add(new Block(matcher.group(1), der, encrypted));
            } catch (IllegalArgumentException notBase64) {
                out.add(new Block(matcher.group(1), new byte[0], encrypted));
            }
        }
        return out;
    }

    /** The certificates of a PEM text, in order; a problem when there is none or one does not parse. */
    static Checked<List<X509Certificate>> certificates(String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (!block.type().equals("CERTIFICATE")) continue;
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                return Checked.problem("certificate " + (certificates.size() + 1) + " does not parse ("
                        + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) return Checked.problem("holds no PEM CERTIFICATE block");
        return Checked.ok(List.copyOf(certificates));
    }

    /** The first private key of a PEM text. */
    static Checked<PrivateKey> privateKey(String text) {
        for (Block block : blocks(text)) {
            if (block.encrypted() || block.type().equals("ENCRYPTED PRIVATE KEY")) {
                return Checked.problem("holds an encrypted private key; Envoy needs it unencrypted");
            }
            try {
                switch (block.type()) {
                    case "PRIVATE KEY" -> {
                        return pkcs8(block.der(), "RSA", "EC");
                    }
                    case "RSA PRIVATE KEY" -> {
                        return pkcs8(wrap(0, RSA_ALGORITHM, block.der()), "RSA");
                    }
                    case "EC PRIVATE KEY" -> {
                        byte[] curve = Der.ecCurveOid(block.der())
                                .orElseThrow(() -> new GeneralSecurityException("the EC key names no curve"));
                        byte[] algorithm = Der.sequence(concat(EC_PUBLIC_KEY_OID, curve));
                        return pkcs8(wrap(0, algorithm, block.der()), "EC");
                    }
                    default -> {
                        // certificates or parameters in the same text: not a key, look further
                    }
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Checked.problem("holds a " + block.type() + " block that does not parse (" + e.getMessage() + ")");
            }
        }
        return Checked.problem("holds no PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
    }

    /**
     * Whether Envoy can serve {@code certificate} with {@code key}: a supported key type and size,
     * and the key signs what the certificate's public key verifies.
     */
    static Optional<String> servable(X509Certificate certificate, PrivateKey key) {
        String algorithm;
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                return Optional.of("has an RSA key of " + rsa.getModulus().bitLength()
                        + " bits; Envoy serves RSA keys of 2048 bits or more");
            }
            algorithm = "SHA256withRSA";
        } else if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384 && bits != 521) {
                return Optional.of("has an EC key on a " + bits + "-bit curve; Envoy serves P-256, P-384 and P-521");
            }
            algorithm = "SHA256withECDSA";
        } else {
            return Optional.of("has a " + certificate.getPublicKey().getAlgorithm()
                    + " key; Envoy serves RSA and ECDSA certificates");
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature) ? Optional.empty()
                    : Optional.of("has a private key that does not belong to the first certificate");
        } catch (GeneralSecurityException e) {
            return Optional.of("has a private key that does not belong to the first certificate (" + e.getMessage() + ")");
        }
    }

    private static Checked<PrivateKey> pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : algorithms) {
            try {
                return Checked.ok(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#8 {@code PrivateKeyInfo}: version, algorithm identifier, the key as an OCTET STRING. */
    private static byte[] wrap(int version, byte[] algorithm, byte[] key) {
        return Der.sequence(concat(new byte[] {0x02, 0x01, (byte) version}, algorithm, Der.octetString(key)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A value, or why there is none. */
    record Checked<T>(Optional<T> value, String problem) {
        static <T> Checked<T> ok(T value) {
            return new Checked<>(Optional.of(value), "");
        }

        static <T> Checked<T> problem(String problem) {
            return new Checked<>(Optional.empty(), problem);
        }
    }
}
