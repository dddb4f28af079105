// Tencent Cloud Chat official accounts as Pulumi resources, with lookups of existing accounts.
package tencentchat
