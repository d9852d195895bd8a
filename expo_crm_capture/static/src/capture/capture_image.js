/** A photo from the phone's camera, made smaller before it is sent or kept:
 * at most 1600 px on its longest side, JPEG. Returns base64 (no data: prefix). */
export function fileToBase64(file, maxSide = 1600, quality = 0.85) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onerror = () => reject(reader.error);
        reader.onload = () => {
            const img = new Image();
            img.onerror = () => resolve(String(reader.result).split(",", 2)[1]);
            img.onload = () => {
                const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
                if (scale === 1 && file.type === "image/jpeg") {
                    resolve(String(reader.result).split(",", 2)[1]);
                    return;
                }
                const canvas = document.createElement("canvas");
                canvas.width = Math.round(img.width * scale);
                canvas.height = Math.round(img.height * scale);
                canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
                resolve(canvas.toDataURL("image/jpeg", quality).split(",", 2)[1]);
            };
            img.src = reader.result;
        };
        reader.readAsDataURL(file);
    });
}
