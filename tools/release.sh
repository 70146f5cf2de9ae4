#!/usr/bin/env bash
# Builds this machine's release artifacts into dist/ (git-ignored):
#
#   certlint-<version>-linux-<arch>.tar.gz   the static binary (+ README.md)
#   certlint_<version>_<debarch>.deb         the same binary in /usr/bin (CPack)
#   certlint-<version>-linux-<arch>.oci.tar  an image FROM scratch, entrypoint certlint
#                                            (only where podman or buildah is installed)
#   SHA256SUMS                               of all the above
#
# The binary is linked fully statically (preset "static": glibc, libstdc++, libyaml-cpp,
# libre2, libcrypto; fmt header-only), so it runs on any Linux, glibc or musl, and in an
# empty root. Before packaging, the script checks that: `file` and `ldd` must call it
# static; it must run in a root that holds nothing but itself and an example plan; and it
# must reproduce every golden report in fixtures/golden byte for byte.
#
#   tools/release.sh                   all of the above (about 4 minutes on 2 cores)
#   tools/release.sh --package BINARY  only package an already built certlint: the tarball
#                                      and SHA256SUMS (what the Action downloads), and the
#                                      image with --image; no static checks, no .deb. The
#                                      Action test uses it with the test build; the release
#                                      workflow, to build the image outside its container.
#
# Options: --dist DIR (default: dist); --no-image (no container image); --image (an image
# is required: fail without podman or buildah).
# <arch> is x86_64 or arm64 (uname -m, with aarch64 called arm64); <version> is
# project(VERSION) in CMakeLists.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=$root/dist
package_only=
image=auto

die() {
    printf 'release: %s\n' "$*" >&2
    exit 1
}
say() { printf '== %s\n' "$*"; }

while (($# > 0)); do
    case $1 in
        --package)
            [[ $# -ge 2 ]] || die "--package needs a binary"
            package_only=$2
            shift 2
            ;;
        --dist)
            [[ $# -ge 2 ]] || die "--dist needs a directory"
            dist=$2
            shift 2
            ;;
        --no-image)
            image=false
            shift
            ;;
        --image)
            image=true
            shift
            ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

version=$(sed -n 's/^project(certlint VERSION \([0-9][0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
[[ -n $version ]] || die "no project(certlint VERSION ...) in CMakeLists.txt"
case $(uname -m) in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "unsupported machine $(uname -m)" ;;
esac
name=certlint-$version-linux-$arch
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# chroot DIR COMMAND...: as root, else in a user namespace.
in_root=(chroot)
[[ $(id -u) == 0 ]] || in_root=(unshare -r chroot)

# SOURCE_DATE_EPOCH (reproducible archives): the commit's time, else now.
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
    SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

# The tarball: <name>/certlint and <name>/README.md, owned by root, sorted, fixed times.
make_tarball() {
    local binary=$1
    mkdir -p "$work/$name"
    chmod 0755 "$work/$name"
    install -m 0755 "$binary" "$work/$name/certlint"
    install -m 0644 "$root/README.md" "$work/$name/README.md"
    tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner \
        --mtime="@$SOURCE_DATE_EPOCH" -cf - "$name" | gzip -9n >"$dist/$name.tar.gz"
    rm -rf "${work:?}/$name"
}

# SHA256SUMS of every artifact in dist/ (sha256sum -c format).
write_sums() {
    (
        cd "$dist"
        local files=()
        local f
        for f in certlint-*.tar.gz certlint_*.deb certlint-*.oci.tar; do
            [[ -f $f ]] && files+=("$f")
        done
        sha256sum "${files[@]}" >SHA256SUMS
    )
}

# The container image FROM scratch: the binary as /usr/bin/certlint, the entrypoint, run
# in /work (mount the files to check there). It is built offline and must report the
# example's findings; saved as an OCI archive.
make_image() {
    local binary=$1
    local builder=
    if command -v podman >/dev/null; then
        builder=podman
    elif command -v buildah >/dev/null; then
        builder=buildah
    fi
    if [[ -z $builder ]]; then
        [[ $image == true ]] && die "--image: neither podman nor buildah is installed"
        say "no podman or buildah: no container image"
        return 0
    fi
    say "container image FROM scratch ($builder)"
    mkdir -p "$work/image"
    install -m 0755 "$binary" "$work/image/certlint"
    cat >"$work/image/Containerfile" <<EOF
FROM scratch
COPY certlint /usr/bin/certlint
WORKDIR /work
ENTRYPOINT ["/usr/bin/certlint"]
LABEL org.opencontainers.image.title="certlint" org.opencontainers.image.version="$version"
EOF
    local tag=localhost/certlint:$version
    local status=0
    if [[ $builder == podman ]]; then
        podman build --quiet --network=none --pull=never --timestamp "$SOURCE_DATE_EPOCH" \
            -t "$tag" "$work/image" >/dev/null
        if podman run --rm --network=none "$tag" --version; then
            podman run --rm --network=none -v "$root/examples:/work:ro" "$tag" --no-color \
                plan.json >"$work/image.out" 2>&1 || status=$?
        else
            # Where podman cannot start containers (inside another, without the rights to
            # set its limits): the image's own file system and entrypoint, in a chroot.
            say "podman cannot run containers here: running the image's files in a chroot"
            local cid entrypoint
            cid=$(podman create "$tag")
            mkdir -p "$work/image-root"
            podman export "$cid" | tar -x -C "$work/image-root"
            podman rm "$cid" >/dev/null
            entrypoint=$(podman image inspect --format '{{index .Config.Entrypoint 0}}' "$tag")
            mkdir -p "$work/image-root/work"
            cp "$root/examples/plan.json" "$work/image-root/work/"
            "${in_root[@]}" "$work/image-root" "$entrypoint" --version
            "${in_root[@]}" "$work/image-root" "$entrypoint" --no-color /work/plan.json \
                >"$work/image.out" 2>&1 || status=$?
        fi
        cat "$work/image.out"
        ((status == 1)) || die "certlint in the image exited $status, not 1"
        grep -q 'CL101' "$work/image.out" || die "the example's CL101 finding is missing"
        rm -f "$dist/$name.oci.tar"
        podman save --quiet --format oci-archive -o "$dist/$name.oci.tar" "$tag"
    else
        buildah build --quiet --network=none --pull=never --timestamp "$SOURCE_DATE_EPOCH" \
            -t "$tag" "$work/image" >/dev/null
        rm -f "$dist/$name.oci.tar"
        buildah push --quiet "$tag" "oci-archive:$dist/$name.oci.tar:$tag"
        say "buildah cannot run the image: not run (install podman to test it)"
    fi
}

if [[ -n $package_only ]]; then
    [[ -x $package_only ]] || die "$package_only is not an executable"
    make_tarball "$package_only"
    [[ $image != true ]] || make_image "$package_only"
    write_sums
    say "packaged $package_only as $dist/$name.tar.gz"
    exit 0
fi

cd "$root"
tools/install-deps.sh build
command -v file >/dev/null || die "needs file(1) (apt-get install file)"

say "static build (preset static)"
cmake --preset static >/dev/null
cmake --build --preset static
binary=$root/build/static/certlint

say "checking that the binary is static"
file_out=$(file -b "$binary")
echo "file: $file_out"
[[ $file_out == *"statically linked"* ]] || die "file(1) does not call it statically linked"
ldd_out=$(ldd "$binary" 2>&1 || true)
echo "ldd: $ldd_out"
[[ $ldd_out == *"not a dynamic executable"* || $ldd_out == *"statically linked"* ]] ||
    die "ldd lists shared libraries"

say "running it in a root that holds only the binary and examples/plan.json"
jail=$work/root
mkdir -p "$jail"
install -m 0755 "$binary" "$jail/certlint"
cp examples/plan.json "$jail/plan.json"
"${in_root[@]}" "$jail" /certlint --version
status=0
"${in_root[@]}" "$jail" /certlint --no-color /plan.json >"$work/jail.out" 2>&1 || status=$?
cat "$work/jail.out"
((status == 1)) || die "certlint /plan.json in the empty root exited $status, not 1"
grep -q 'CL101' "$work/jail.out" || die "the example's CL101 finding is missing"

say "reproducing the golden reports with the static binary"
mkdir -p "$work/golden/tools" "$work/golden/fixtures"
cp tools/approve-golden.sh "$work/golden/tools/"
cp -R fixtures/golden "$work/golden/fixtures/"
"$work/golden/tools/approve-golden.sh" "$binary" >/dev/null
diff -r fixtures/golden "$work/golden/fixtures/golden" ||
    die "the static binary's reports differ from fixtures/golden"

say "packaging $name"
rm -f "$dist"/certlint-*.tar.gz "$dist"/certlint_*.deb "$dist"/certlint-*.oci.tar \
    "$dist/SHA256SUMS"
cmake --install build/static --prefix "$work/stage" --strip >/dev/null
make_tarball "$work/stage/bin/certlint"
(cd build/static && cpack -G DEB -B "$work/cpack" >/dev/null)
cp "$work"/cpack/certlint_*.deb "$dist/"
deb=$(cd "$dist" && echo certlint_*.deb)
dpkg-deb --contents "$dist/$deb" | grep -q ' \./usr/bin/certlint$' ||
    die "$deb does not hold /usr/bin/certlint"

[[ $image == false ]] || make_image "$work/stage/bin/certlint"

write_sums
say "artifacts in $dist"
(cd "$dist" && ls -l && cat SHA256SUMS)
