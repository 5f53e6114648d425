package io.tidegate.translator.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The few DER operations needed to hand PKCS#1 and SEC1 private keys to the JDK as PKCS#8: wrap
 * bytes in a SEQUENCE or OCTET STRING, and find the named-curve OID of a SEC1 {@code ECPrivateKey}.
 */
final class Der {

    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int PARAMETERS = 0xa0;

    private Der() {
    }

    static byte[] sequence(byte[] content) {
        return element(SEQUENCE, content);
    }

    static byte[] octetString(byte[] content) {
        return element(OCTET_STRING, content);
    }

    /**
     * SEC1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters OPTIONAL, ... }}:
     * the OID element (tag and length included) inside {@code [0]}.
     */
    static Optional<byte[]> ecCurveOid(byte[] sec1) {
        int[] outer = header(sec1, 0);
        if (outer == null || (sec1[0] & 0xff) != SEQUENCE) return Optional.empty();
        int position = outer[0];
        int end = Math.min(sec1.length, outer[0] + outer[1]);
        while (position < end) {
            int[] element = header(sec1, position);
            if (element == null) return Optional.empty();
            if ((sec1[position] & 0xff) == PARAMETERS) {
                int inner = element[0];
                int[] oid = header(sec1, inner);
                if (oid == null || (sec1[inner] & 0xff) != OID) return Optional.empty();
                return Optional.of(Arrays.copyOfRange(sec1, inner, oid[0] + oid[1]));
            }
            position = element[0] + element[1];
        }
        return Optional.empty();
    }

    /** {start of content, content length} of the element at {@code offset}, or null when malformed. */
    private static int[] header(byte[] der, int offset) {
        if (offset + 1 >= der.length) return null;
        int first = der[offset + 1] & 0xff;
        if (first < 0x80) return new int[] {offset + 2, first};
        int count = first & 0x7f;
        if (count == 0 || count > 3 || offset + 2 + count > der.length) return null;
        int length = 0;
        for (int i = 0; i < count; i++) length = (length << 8) | (der[offset + 2 + i] & 0xff);
        return new int[] {offset + 2 + count, length};
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
