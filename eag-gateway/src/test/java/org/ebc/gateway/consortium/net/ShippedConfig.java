package org.ebc.gateway.consortium.net;

/** Templating of the shipped Mosquitto files for a test: replaces text in setting lines, never in comments. */
final class ShippedConfig {
    private ShippedConfig() {}

    /**
     * Replaces {@code from} with {@code to} in every setting line (a line not starting with {@code #}).
     *
     * @param exactlyOnce true if exactly one line must contain it; otherwise at least one
     * @throws AssertionError if the shipped file no longer matches, so the harness is updated with it
     */
    static String replaceSetting(String text, String from, String to, boolean exactlyOnce) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#") && line.contains(from)) {
                line = line.replace(from, to);
                count++;
            }
            out.append(line).append('\n');
        }
        if (count == 0 || (exactlyOnce && count != 1)) {
            throw new AssertionError("the shipped ebc.conf was expected to use '" + from + "' on "
                    + (exactlyOnce ? "exactly one" : "at least one") + " setting line but uses it on " + count
                    + ": update the harness's templating with the file");
        }
        return out.substring(0, out.length() - 1);
    }
}
