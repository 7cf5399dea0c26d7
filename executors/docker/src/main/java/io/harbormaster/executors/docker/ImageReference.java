package io.harbormaster.executors.docker;

/**
 * An image name split the way the engine reads it: {@code registry/repository:tag} or {@code @digest}.
 * A first path part with a dot, a colon or {@code localhost} is a registry; otherwise Docker Hub.
 */
record ImageReference(String image, String registry, String repository, String tag) {

    static final String DOCKER_HUB = "docker.io";

    static ImageReference parse(String image) {
        String name = image;
        String tag = "latest";
        int at = name.indexOf('@');
        if (at >= 0) {
            tag = name.substring(at + 1);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                tag = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return new ImageReference(image, hasRegistry ? first : DOCKER_HUB, name, tag);
    }
}
